import type { Logger } from '@dalkit/connection';
import type { Transaction } from 'sequelize';
import { RerunBehavior, Umzug } from 'umzug';
import { inTransaction } from './_internal/in-transaction.js';
import { createSeedContext } from './create-seed-context.js';
import type { SeedEnvironment } from './environment.js';
import { SeedFailedError } from './errors.js';
import type { SeedHistoryEntry, SeedHistoryTable } from './history/history-table.js';
import { type SeedCommandContext, SeedHistoryStorage } from './history/seed-history-storage.js';
import type { LoadedSeed } from './load-seeds.js';
import type { ProgressReporter } from './progress/types.js';
import type { SeedDatabase, SeedModel } from './types.js';

/** Everything a seed run shares. */
export interface SeedRunEnvironment {
  db: SeedDatabase;
  history: SeedHistoryTable;
  models: Readonly<Record<string, SeedModel>>;
  logger: Logger;
  environment: SeedEnvironment;
  params: Readonly<Record<string, unknown>>;
  progress: ProgressReporter;
}

async function runSeedBody(
  seed: LoadedSeed,
  run: SeedRunEnvironment,
  context: SeedCommandContext,
): Promise<void> {
  const started = performance.now();
  const logger = run.logger.child?.({ seed: seed.name }) ?? run.logger;
  const handle = createSeedContext({ ...run, logger, transaction: context.transaction as Transaction });
  const returned = await seed.run(handle.ctx);
  context.entry = {
    name: seed.name,
    checksum: seed.checksum,
    environment: run.environment,
    ranAt: new Date(),
    rowsAffected: typeof returned === 'number' ? returned : handle.rowsAffected(),
    executionMs: performance.now() - started,
    tables: [...new Set([...(seed.tables ?? []), ...handle.tablesWritten()])],
  };
}

/** Why a seed is about to run: it never ran, or it changed and has `runOnChange`. */
export type SeedRunReason = 'pending' | 'changed';

/**
 * Runs one seed through Umzug in its own transaction: the seed's writes and its history row
 * commit together, or nothing does and a {@link SeedFailedError} naming the seed is thrown.
 * A lock taken on `beforeCommand` serializes concurrent runners; a seed another runner
 * completed meanwhile is skipped (resolves to undefined).
 */
export async function executeSeed(
  seed: LoadedSeed,
  reason: SeedRunReason,
  run: SeedRunEnvironment,
): Promise<SeedHistoryEntry | undefined> {
  try {
    return await inTransaction(run.db, async (transaction) => {
      const context: SeedCommandContext = { transaction };
      const umzug = new Umzug<SeedCommandContext>({
        migrations: [{ name: seed.name, path: seed.file, up: () => runSeedBody(seed, run, context) }],
        storage: new SeedHistoryStorage(run.history),
        context,
        logger: undefined,
      });
      umzug.on('beforeCommand', () => run.history.lockRuns(transaction));
      if (reason === 'changed') {
        // Under the lock: another runner may have rerun this version already.
        umzug.on('migrating', async () => {
          const entry = (await run.history.list(transaction)).find((e) => e.name === seed.name);
          if (entry?.checksum === seed.checksum) context.skip = entry;
        });
      }
      const applied = await umzug.up({
        migrations: [seed.name],
        rerun: reason === 'pending' ? RerunBehavior.SKIP : RerunBehavior.ALLOW,
      });
      return applied.length === 0 || context.skip ? undefined : context.entry;
    });
  } catch (error) {
    const cause =
      error instanceof Error && error.name === 'MigrationError' && error.cause ? error.cause : error;
    throw new SeedFailedError(seed.name, seed.file, cause);
  }
}
