import { hostname, userInfo } from 'node:os';
import { ConfigError, createDatabase } from '@dalkit/connection';
import type { Sequelize } from 'sequelize';
import type { MigrationExtension } from './file-name.js';
import type { LockOption } from './lock/create-migration-lock.js';
import { type InlineMigration, type MigrationLogger, OutOfOrder } from './types.js';

/** Options for {@link createMigrator}. */
export interface MigratorOptions {
  /** A dalkit database handle (`createDatabase()`); its Sequelize instance is used. */
  db?: { sequelize: Sequelize };
  /** A Sequelize instance to migrate with (instead of `db`). */
  sequelize?: Sequelize;
  /**
   * A URL to migrate with, typically an owner role (`DATABASE_MIGRATION_URL`); the migrator
   * opens and closes its own connection. Used when neither `db` nor `sequelize` is given.
   */
  migrationUrl?: string;
  /** A folder of migration files, or the migrations themselves (bundled apps). @default './migrations' */
  migrations?: string | readonly InlineMigration[];
  /** @default a logger that discards everything */
  logger?: MigrationLogger;
  /** How long a runner waits for another to finish. @default 60000 */
  lockTimeoutMs?: number;
  /** Pause between lock attempts. @default 200 */
  lockPollMs?: number;
  /** @default 'auto' */
  lock?: LockOption;
  /** What to do with a pending migration older than the newest applied one. @default 'error' */
  outOfOrder?: OutOfOrder;
  /** PostgreSQL: the application's role, granted DML (only) on tables migrations create. */
  appRole?: string;
  /** Schema the app role is granted on. @default 'public' */
  schema?: string;
  /** @default 'dalkit_migrations' */
  tableName?: string;
  /** Recorded in the history's `applied_by`. @default `<os user>@<host>` */
  appliedBy?: string;
  /** Extension `create` uses. @default 'ts' */
  extension?: MigrationExtension;
  /** Clock used by `create`. @default () => new Date() */
  now?: () => Date;
}

/** The one defaults object. */
export const MIGRATOR_DEFAULTS = Object.freeze({
  migrations: './migrations',
  lockTimeoutMs: 60_000,
  lockPollMs: 200,
  lock: 'auto' as LockOption,
  outOfOrder: OutOfOrder.ERROR as OutOfOrder,
  schema: 'public',
  tableName: 'dalkit_migrations',
  extension: 'ts' as MigrationExtension,
});

/** The URL migrations run with: `DATABASE_MIGRATION_URL`, falling back to `DATABASE_URL`. */
export function migrationUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.DATABASE_MIGRATION_URL || env.DATABASE_URL || undefined;
}

/** A logger that discards everything. */
export const SILENT_LOGGER: MigrationLogger = Object.freeze({
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
});

function defaultAppliedBy(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? 'unknown';
  }
  return `${user}@${hostname()}`;
}

/**
 * Picks the Sequelize instance (explicit `sequelize`/`db` > `migrationUrl` >
 * `DATABASE_MIGRATION_URL` > `DATABASE_URL`) and how to close it when the migrator opened it.
 */
export function resolveSequelize(
  options: MigratorOptions,
  env: NodeJS.ProcessEnv = process.env,
): { sequelize: Sequelize; close: () => Promise<void> } {
  const given = options.sequelize ?? options.db?.sequelize;
  if (given) return { sequelize: given, close: async () => undefined };
  const url = options.migrationUrl ?? migrationUrlFromEnv(env);
  if (!url) {
    throw new ConfigError([
      {
        key: 'migrationUrl',
        source: 'migrator options',
        expected:
          'a database to migrate: pass db, sequelize or migrationUrl, or set DATABASE_MIGRATION_URL / DATABASE_URL',
      },
    ]);
  }
  const db = createDatabase({ url, pool: { max: 1, min: 0 }, logging: { level: 'silent' } }, { env: false });
  return { sequelize: db.sequelize, close: () => db.close() };
}

/** Options with every default filled in. */
export type ResolvedMigratorOptions = Required<
  Pick<
    MigratorOptions,
    | 'migrations'
    | 'lockTimeoutMs'
    | 'lockPollMs'
    | 'lock'
    | 'outOfOrder'
    | 'schema'
    | 'tableName'
    | 'extension'
    | 'logger'
    | 'appliedBy'
    | 'now'
  >
> &
  Pick<MigratorOptions, 'appRole'>;

/** Fills in defaults and checks the values that would otherwise fail later. */
export function resolveMigratorOptions(options: MigratorOptions): ResolvedMigratorOptions {
  const outOfOrder = options.outOfOrder ?? MIGRATOR_DEFAULTS.outOfOrder;
  if (!Object.values(OutOfOrder).includes(outOfOrder)) {
    throw new ConfigError([
      {
        key: 'outOfOrder',
        source: 'migrator options',
        expected: "'error', 'warn' or 'allow'",
        received: String(outOfOrder),
      },
    ]);
  }
  const lockTimeoutMs = options.lockTimeoutMs ?? MIGRATOR_DEFAULTS.lockTimeoutMs;
  if (!Number.isFinite(lockTimeoutMs) || lockTimeoutMs < 0) {
    throw new ConfigError([
      {
        key: 'lockTimeoutMs',
        source: 'migrator options',
        expected: 'a number of milliseconds >= 0',
        received: String(lockTimeoutMs),
      },
    ]);
  }
  return {
    migrations: options.migrations ?? MIGRATOR_DEFAULTS.migrations,
    lockTimeoutMs,
    lockPollMs: options.lockPollMs ?? MIGRATOR_DEFAULTS.lockPollMs,
    lock: options.lock ?? MIGRATOR_DEFAULTS.lock,
    outOfOrder,
    schema: options.schema ?? MIGRATOR_DEFAULTS.schema,
    tableName: options.tableName ?? MIGRATOR_DEFAULTS.tableName,
    extension: options.extension ?? MIGRATOR_DEFAULTS.extension,
    logger: options.logger ?? SILENT_LOGGER,
    appliedBy: options.appliedBy ?? defaultAppliedBy(),
    now: options.now ?? (() => new Date()),
    ...(options.appRole ? { appRole: options.appRole } : {}),
  };
}
