import { performance } from 'node:perf_hooks';
import { ConfigError, isDalkitError } from '@dalkit/connection';
import { RerunBehavior, Umzug } from 'umzug';
import { clearCrashedAttempts } from './_internal/clear-crashed-attempts.js';
import { sqlFamilyOf } from './_internal/dialect.js';
import {
  type CreatedMigration,
  type CreateMigrationOptions,
  createMigrationFile,
} from './create-migration-file.js';
import { collectDryRunStatements, type DryRunStep } from './dry-run.js';
import { MigrationRefusedError, RefusalReason } from './errors.js';
import { HistoryStorage } from './history-storage.js';
import { grantAppRole } from './least-privilege.js';
import { fromInlineMigrations, loadMigrationsFromDir } from './load-migrations.js';
import { resolveMigrationLock } from './lock/create-migration-lock.js';
import type { MigrationLock } from './lock/lock.js';
import { type MigratorOptions, resolveMigratorOptions, resolveSequelize } from './migrator-options.js';
import {
  assertInOrder,
  assertNoChecksumChanges,
  assertNothingIncomplete,
  assertNothingMissing,
  type DownTarget,
  describeStatus,
  downPlan,
  outOfOrderPending,
  upCandidates,
} from './plan.js';
import { type RunMigrationDeps, runMigration } from './run-migration.js';
import type { MigrateResult, MigrationRun, MigrationSource, MigrationStatus, RepairResult } from './types.js';

/** Options of {@link Migrator.up}. */
export interface UpOptions {
  /** Apply pending migrations up to and including this one. @default all */
  to?: string;
  /** Print the SQL instead of running it; nothing changes. */
  dryRun?: boolean;
}

/** Options of {@link Migrator.down}. */
export interface DownOptions extends DownTarget {
  /** Print the SQL instead of running it; nothing changes. */
  dryRun?: boolean;
}

/** A migrator over one database and one set of migrations. */
export interface Migrator {
  /** Applies pending migrations, each in its own transaction together with its history row. */
  up(options?: UpOptions): Promise<MigrateResult>;
  /** Reverts the last applied migration, `step` of them, or down to `to` (`0` = all), newest first. */
  down(options?: DownOptions): Promise<MigrateResult>;
  /** Applied (with time and duration), pending, missing, changed and incomplete migrations. */
  status(): Promise<MigrationStatus>;
  /** Names of pending migrations, in the order `up` runs them. */
  pending(): Promise<string[]>;
  /** Names of applied migrations, in applied order. */
  executed(): Promise<string[]>;
  /** Throws the first problem (changed checksum, missing file, unfinished or out-of-order migration). */
  validate(): Promise<MigrationStatus>;
  /** Accepts changed checksums and clears unfinished non-transactional records; `removeMissing` forgets missing files. */
  repair(options?: { removeMissing?: boolean }): Promise<RepairResult>;
  /** Writes a new migration file from the template into the migrations folder. */
  create(name: string, options?: Omit<CreateMigrationOptions, 'now'>): Promise<CreatedMigration>;
  /** Closes the connection the migrator opened itself (from `migrationUrl`); a no-op otherwise. */
  close(): Promise<void>;
}

function unwrap(error: unknown): unknown {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return !isDalkitError(error) && isDalkitError(cause) ? cause : error;
}

/**
 * Creates a {@link Migrator}: Umzug 3 with a history table written in each migration's own
 * transaction, a cross-process lock taken in `beforeCommand` and released in `afterCommand`,
 * and checksum, missing-file and ordering checks made after the lock is held.
 * @example
 * const migrator = createMigrator({ sequelize, migrations: './migrations', appRole: 'app' });
 * const { migrations } = await migrator.up();
 */
export function createMigrator(options: MigratorOptions = {}): Migrator {
  const opts = resolveMigratorOptions(options);
  const { sequelize, close } = resolveSequelize(options);
  const family = sqlFamilyOf(sequelize);
  if (opts.appRole && family !== 'postgres') {
    throw new ConfigError([
      {
        key: 'appRole',
        source: 'migrator options',
        expected:
          "a PostgreSQL database (on MariaDB grant DML once: GRANT SELECT, INSERT, UPDATE, DELETE ON `db`.* TO 'app'@'%')",
        received: opts.appRole,
      },
    ]);
  }
  const { logger } = opts;
  const storage = new HistoryStorage(sequelize, { tableName: opts.tableName, appliedBy: opts.appliedBy });
  const deps: RunMigrationDeps = { sequelize, family, storage, logger };
  let lockReady: Promise<MigrationLock> | undefined;
  const getLock = () =>
    (lockReady ??= resolveMigrationLock(sequelize, family, opts.lock, {
      timeoutMs: opts.lockTimeoutMs,
      pollMs: opts.lockPollMs,
      tableName: opts.tableName,
    }));

  const loadSources = (): Promise<MigrationSource[]> =>
    typeof opts.migrations === 'string'
      ? loadMigrationsFromDir(opts.migrations)
      : Promise.resolve(fromInlineMigrations(opts.migrations));

  const readStatus = async (sources: readonly MigrationSource[]) =>
    describeStatus(sources, await storage.rows());

  function checkBeforeUp(status: MigrationStatus): void {
    assertNothingIncomplete(status);
    assertNoChecksumChanges(status);
    if (opts.outOfOrder === 'error') assertInOrder(status);
    const late = outOfOrderPending(status);
    if (opts.outOfOrder === 'warn' && late.length > 0) {
      logger.warn(
        { migrations: late },
        'Applying migrations older than the newest applied one (out of order)',
      );
    }
    if (status.missing.length > 0)
      logger.warn({ migrations: status.missing }, 'Applied migrations have no file');
  }

  async function withLock<T>(fn: () => Promise<T>): Promise<{ value: T; lockWaitMs: number }> {
    const lock = await getLock();
    const started = performance.now();
    await lock.acquire();
    const lockWaitMs = performance.now() - started;
    try {
      await storage.ensureTable();
      return { value: await fn(), lockWaitMs };
    } finally {
      await lock.release();
    }
  }

  /** Runs `names` through Umzug with the lock held around the command and `verify` run under it. */
  async function runLocked(
    direction: 'up' | 'down',
    sources: readonly MigrationSource[],
    names: string[],
    verify: () => Promise<void>,
  ): Promise<{ runs: MigrationRun[]; lockWaitMs: number }> {
    const runs: MigrationRun[] = [];
    const lock = await getLock();
    let lockWaitMs = 0;
    const step = (source: MigrationSource, dir: 'up' | 'down') => async () => {
      const durationMs = await runMigration(deps, source, await source.load(), dir);
      runs.push({ name: source.name, durationMs });
      logger.info(
        { migration: source.name, direction: dir, durationMs },
        `Migration ${source.name} ${dir === 'up' ? 'applied' : 'reverted'}`,
      );
    };
    const umzug = new Umzug({
      migrations: sources.map((s) => ({
        name: s.name,
        ...(s.path ? { path: s.path } : {}),
        up: step(s, 'up'),
        down: step(s, 'down'),
      })),
      storage,
      logger: undefined,
      context: {},
    });
    umzug.on('beforeCommand', async () => {
      const started = performance.now();
      await lock.acquire();
      lockWaitMs = performance.now() - started;
      try {
        await storage.ensureTable();
        await verify();
      } catch (error) {
        await lock.release();
        throw error;
      }
    });
    umzug.on('afterCommand', () => lock.release());
    try {
      const options = { migrations: names, rerun: RerunBehavior.SKIP };
      await (direction === 'up' ? umzug.up(options) : umzug.down(options));
    } catch (error) {
      throw unwrap(error);
    }
    return { runs, lockWaitMs };
  }

  async function dryRunResult(
    direction: 'up' | 'down',
    steps: DryRunStep[],
    started: number,
  ): Promise<MigrateResult> {
    const statements = await collectDryRunStatements(deps, steps);
    return {
      direction,
      migrations: steps.map((s) => ({ name: s.source.name, durationMs: 0 })),
      totalMs: performance.now() - started,
      lockWaitMs: 0,
      dryRun: true,
      statements,
    };
  }

  return Object.freeze({
    async up(upOptions: UpOptions = {}): Promise<MigrateResult> {
      const started = performance.now();
      const sources = await loadSources();
      const candidates = upCandidates(sources, upOptions.to);
      const before = await readStatus(sources);
      if (upOptions.dryRun) checkBeforeUp(before);
      const pending = new Set(before.pending);
      const toRun = sources.filter((s) => candidates.includes(s.name) && pending.has(s.name));
      const modules = await Promise.all(toRun.map((s) => s.load()));
      if (upOptions.dryRun) {
        return dryRunResult(
          'up',
          toRun.map((source, i) => ({ source, module: modules[i] as DryRunStep['module'], direction: 'up' })),
          started,
        );
      }
      const { runs, lockWaitMs } = await runLocked('up', sources, candidates, async () => {
        if (family === 'mysql') await clearCrashedAttempts(sequelize, storage, logger);
        checkBeforeUp(await readStatus(sources));
        if (opts.appRole)
          await grantAppRole(sequelize, {
            appRole: opts.appRole,
            schema: opts.schema,
            historyTable: opts.tableName,
          });
      });
      return {
        direction: 'up',
        migrations: runs,
        totalMs: performance.now() - started,
        lockWaitMs,
        dryRun: false,
        statements: [],
      };
    },

    async down(downOptions: DownOptions = {}): Promise<MigrateResult> {
      const started = performance.now();
      const sources = await loadSources();
      const byName = new Map(sources.map((s) => [s.name, s]));
      const rows = await storage.rows();
      const status = describeStatus(sources, rows);
      assertNothingIncomplete(status);
      const target: DownTarget = {
        ...(downOptions.step !== undefined ? { step: downOptions.step } : {}),
        ...(downOptions.to !== undefined ? { to: downOptions.to } : {}),
      };
      const names = downPlan(rows, target);
      const changed = names.filter((n) => status.changed.includes(n));
      if (changed.length > 0)
        assertNoChecksumChanges({
          ...status,
          entries: status.entries.filter((e) => changed.includes(e.name)),
        });
      const steps: DryRunStep[] = [];
      const irreversible: string[] = [];
      for (const name of names) {
        const source = byName.get(name);
        const module = source ? await source.load() : undefined;
        if (!source || !module?.down) irreversible.push(source ? name : `${name} (file missing)`);
        else steps.push({ source, module, direction: 'down' });
      }
      if (irreversible.length > 0) {
        throw new MigrationRefusedError(
          RefusalReason.IRREVERSIBLE,
          irreversible,
          `Cannot roll back: ${irreversible.join(', ')} ${irreversible.length === 1 ? 'has' : 'have'} no down function. Nothing was reverted.`,
        );
      }
      if (downOptions.dryRun) return dryRunResult('down', steps, started);
      const { runs, lockWaitMs } = await runLocked('down', sources, names, async () => {
        const now = downPlan(await storage.rows(), target);
        if (now.join() !== names.join()) {
          throw new MigrationRefusedError(
            RefusalReason.HISTORY_CHANGED,
            now,
            'The migration history changed while waiting for the lock (another runner migrated); nothing was reverted. Check `status` and run down again.',
          );
        }
      });
      return {
        direction: 'down',
        migrations: runs,
        totalMs: performance.now() - started,
        lockWaitMs,
        dryRun: false,
        statements: [],
      };
    },

    async status() {
      return readStatus(await loadSources());
    },
    async pending() {
      return (await readStatus(await loadSources())).pending;
    },
    async executed() {
      return (await readStatus(await loadSources())).entries
        .filter((e) => e.state === 'applied' || e.state === 'changed')
        .map((e) => e.name);
    },
    async validate() {
      const status = await readStatus(await loadSources());
      assertNoChecksumChanges(status);
      assertNothingMissing(status);
      assertNothingIncomplete(status);
      if (opts.outOfOrder === 'error') assertInOrder(status);
      return status;
    },
    async repair(repairOptions: { removeMissing?: boolean } = {}): Promise<RepairResult> {
      const sources = await loadSources();
      const { value } = await withLock(async () => {
        const status = await readStatus(sources);
        const result: RepairResult = { checksumsUpdated: [], incompleteRemoved: [], missingRemoved: [] };
        for (const entry of status.entries) {
          if (entry.state === 'changed' && entry.checksum) {
            await storage.updateChecksum(entry.name, entry.checksum);
            result.checksumsUpdated.push({
              name: entry.name,
              from: entry.storedChecksum ?? '',
              to: entry.checksum,
            });
          } else if (entry.state === 'started' || entry.state === 'failed') {
            await storage.remove(entry.name);
            result.incompleteRemoved.push(entry.name);
          } else if (entry.state === 'missing' && repairOptions.removeMissing) {
            await storage.remove(entry.name);
            result.missingRemoved.push(entry.name);
          }
        }
        return result;
      });
      logger.info({ ...value }, 'Migration history repaired');
      return value;
    },
    async create(name: string, createOptions: Omit<CreateMigrationOptions, 'now'> = {}) {
      if (typeof opts.migrations !== 'string') {
        throw new ConfigError([
          {
            key: 'migrations',
            source: 'migrator options',
            expected: 'a folder to create migration files in',
          },
        ]);
      }
      return createMigrationFile(opts.migrations, name, {
        extension: opts.extension,
        ...createOptions,
        now: opts.now,
      });
    },
    close,
  });
}
