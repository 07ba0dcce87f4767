/** @dalkit/migrations: Umzug 3 migrations that are atomic, locked across processes, checksummed and reversible. */
export { checksumOf } from './checksum.js';
export type { CreatedMigration, CreateMigrationOptions } from './create-migration-file.js';
export { createMigrationFile } from './create-migration-file.js';
export type { DownOptions, Migrator, UpOptions } from './create-migrator.js';
export { createMigrator } from './create-migrator.js';
export type { LockHolder } from './errors.js';
export {
  ChecksumMismatchError,
  LockTimeoutError,
  MigrationError,
  MigrationRefusedError,
  RefusalReason,
} from './errors.js';
export type { MigrationExtension } from './file-name.js';
export {
  assertMigrationName,
  assertMigrationSlug,
  formatTimestamp,
  isMigrationName,
  MIGRATION_EXTENSIONS,
  MIGRATION_NAME,
  MIGRATION_SLUG,
} from './file-name.js';
export type { HistoryStorageOptions } from './history-storage.js';
export { HistoryStorage } from './history-storage.js';
export type { GrantAppRoleOptions } from './least-privilege.js';
export { grantAppRole } from './least-privilege.js';
export { fromInlineMigrations, loadMigrationsFromDir } from './load-migrations.js';
export type { LockOption } from './lock/create-migration-lock.js';
export { resolveMigrationLock } from './lock/create-migration-lock.js';
export { createInProcessLock } from './lock/in-process-lock.js';
export type { LockTiming, MigrationLock } from './lock/lock.js';
export { createMariadbGetLock } from './lock/mariadb-get-lock.js';
export { createPostgresAdvisoryLock } from './lock/postgres-advisory-lock.js';
export type { MigratorOptions } from './migrator-options.js';
export { MIGRATOR_DEFAULTS, migrationUrlFromEnv, SILENT_LOGGER } from './migrator-options.js';
export type { DownTarget } from './plan.js';
export type {
  HistoryRow,
  InlineMigration,
  MigrateResult,
  MigrationContext,
  MigrationFn,
  MigrationLogger,
  MigrationModule,
  MigrationParams,
  MigrationRun,
  MigrationSource,
  MigrationStatus,
  MigrationStatusEntry,
  PlannedStatement,
  RepairResult,
} from './types.js';
export { HistoryState, MigrationState, OutOfOrder } from './types.js';

/** Identity helper that types a migration module written in code. */
export function defineMigration<T extends import('./types.js').MigrationModule>(migration: T): T {
  return migration;
}
