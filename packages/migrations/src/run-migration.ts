import { performance } from 'node:perf_hooks';
import type { Sequelize } from 'sequelize';
import type { StatementRecorder } from './_internal/bound-context.js';
import type { SqlFamily } from './_internal/dialect.js';
import { invokeMigration } from './_internal/invoke-migration.js';
import { changedTables, snapshotSchema } from './_internal/schema-snapshot.js';
import { checksumOf } from './checksum.js';
import { MigrationError } from './errors.js';
import type { HistoryStorage } from './history-storage.js';
import { HistoryState, type MigrationLogger, type MigrationModule, type MigrationSource } from './types.js';

/** What running one migration needs. */
export interface RunMigrationDeps {
  sequelize: Sequelize;
  family: SqlFamily;
  storage: HistoryStorage;
  logger: MigrationLogger;
}

type Direction = 'up' | 'down';

function failedStatement(error: unknown, recorder: StatementRecorder): string | undefined {
  const e = error as { sql?: unknown; parent?: unknown } | null;
  if (e && typeof e.sql === 'string') return e.sql;
  return e && e.parent !== undefined ? recorder.statements.at(-1) : undefined;
}

async function runInTransaction(
  deps: RunMigrationDeps,
  source: MigrationSource,
  module: MigrationModule,
  direction: Direction,
): Promise<number> {
  const { sequelize, storage } = deps;
  // MariaDB commits DDL implicitly: mark the attempt first so a crash shows, and diff the schema after a failure.
  const before = deps.family === 'mysql' ? await snapshotSchema(sequelize) : undefined;
  const marked = before !== undefined && direction === 'up';
  if (marked) {
    const schemaHash = checksumOf(...before);
    await storage.record({
      name: source.name,
      checksum: source.checksum,
      state: HistoryState.STARTED,
      executionMs: 0,
      schemaHash,
    });
  }
  const recorder: StatementRecorder = { statements: [] };
  const started = performance.now();
  const transaction = await sequelize.transaction();
  try {
    await invokeMigration(deps, { source, module, direction }, transaction, recorder);
    const ms = performance.now() - started;
    if (marked) await storage.finish(source.name, HistoryState.APPLIED, ms, transaction);
    else if (direction === 'up') {
      await storage.record(
        { name: source.name, checksum: source.checksum, state: HistoryState.APPLIED, executionMs: ms },
        transaction,
      );
    } else await storage.remove(source.name, transaction);
    await transaction.commit();
    return ms;
  } catch (error) {
    await transaction.rollback().catch(() => undefined);
    const statement = failedStatement(error, recorder);
    const changed = before ? changedTables(before, await snapshotSchema(sequelize)) : [];
    if (marked && changed.length > 0)
      await storage.finish(source.name, HistoryState.FAILED, performance.now() - started);
    else if (marked) await storage.remove(source.name);
    throw new MigrationError(
      {
        migration: source.name,
        direction,
        ...(statement ? { statement } : {}),
        partial: changed.length > 0,
        advice: `MariaDB/MySQL commit DDL immediately, so statements before the failing one stayed (tables changed: ${changed.join(', ')})${marked ? ' and it is marked failed in the history' : ''}. Undo them by hand (or make the migration idempotent), ${marked ? 'run `dalkit migrate repair` to clear the record, ' : ''}then run it again.`,
      },
      error,
    );
  }
}

async function runWithoutTransaction(
  deps: RunMigrationDeps,
  source: MigrationSource,
  module: MigrationModule,
  direction: Direction,
): Promise<number> {
  const { storage } = deps;
  const recorder: StatementRecorder = { statements: [] };
  const started = performance.now();
  if (direction === 'up') {
    await storage.record({
      name: source.name,
      checksum: source.checksum,
      state: HistoryState.STARTED,
      executionMs: 0,
    });
  }
  try {
    await invokeMigration(deps, { source, module, direction }, undefined, recorder);
  } catch (error) {
    const ms = performance.now() - started;
    if (direction === 'up') await storage.finish(source.name, HistoryState.FAILED, ms);
    const statement = failedStatement(error, recorder);
    throw new MigrationError(
      {
        migration: source.name,
        direction,
        ...(statement ? { statement } : {}),
        partial: true,
        advice:
          direction === 'up'
            ? 'It runs outside a transaction (transaction = false) and is marked failed in the history. Inspect the database and undo or finish its changes by hand (a failed CREATE INDEX CONCURRENTLY leaves an INVALID index to drop), then run `dalkit migrate repair` to clear the record and `up` again.'
            : 'It runs outside a transaction (transaction = false) and is still recorded as applied. Inspect the database, finish or undo its changes by hand, then retry.',
      },
      error,
    );
  }
  const ms = performance.now() - started;
  if (direction === 'up') await storage.finish(source.name, HistoryState.APPLIED, ms);
  else await storage.remove(source.name);
  return ms;
}

/**
 * Runs one migration in one direction and records it. By default the migration and its history
 * row commit in one transaction, so a failure leaves neither. A migration exporting
 * `transaction = false` is recorded `started` first and `applied`/`failed` after, so a crash
 * part-way shows in `status`. Returns the migration's duration in ms.
 */
export function runMigration(
  deps: RunMigrationDeps,
  source: MigrationSource,
  module: MigrationModule,
  direction: Direction,
): Promise<number> {
  return module.transaction === false
    ? runWithoutTransaction(deps, source, module, direction)
    : runInTransaction(deps, source, module, direction);
}
