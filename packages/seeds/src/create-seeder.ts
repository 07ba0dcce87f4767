import { silentLogger } from '@dalkit/connection';
import type { Sequelize } from 'sequelize';
import { resolveSeedEnvironment } from './environment.js';
import { executeSeed, type SeedRunEnvironment } from './execute-seed.js';
import { assertSameEnvironment, forceProductionFromEnv } from './guards.js';
import { SeedHistoryTable } from './history/history-table.js';
import { lastSeededEnvironment } from './history/last-environment.js';
import { fromDefinitions, type LoadedSeed, loadSeeds } from './load-seeds.js';
import { createLogProgress } from './progress/log-progress.js';
import { resetSeeds } from './reset-seeds.js';
import { orderSeeds } from './seed-graph.js';
import { seedsFor, selectSeeds } from './seed-selection.js';
import { seedStatuses } from './seed-status.js';
import type {
  RunSeedsOptions,
  RunSeedsResult,
  Seeder,
  SeederOptions,
  SeedRunRecord,
} from './seeder-types.js';
import type { SeedDatabase } from './types.js';

function toSeedDatabase(db: SeedDatabase | Sequelize): SeedDatabase {
  return 'sequelize' in db && db.sequelize ? db : { sequelize: db as Sequelize };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Shared by run, status and reset. */
export interface SeederCore {
  readonly runEnvironment: SeedRunEnvironment;
  readonly forceProduction: boolean;
  readonly protectedTables: readonly string[];
  loadAll(): Promise<LoadedSeed[]>;
  run(options: RunSeedsOptions): Promise<RunSeedsResult>;
}

async function runSeeds(core: SeederCore, options: RunSeedsOptions): Promise<RunSeedsResult> {
  const { history, environment, logger } = core.runEnvironment;
  const seeds = seedsFor(await core.loadAll(), environment);
  const selected = selectSeeds(seeds, options.only, options.noDeps);
  await history.ensure();
  const entries = new Map((await history.list()).map((e) => [e.name, e]));
  assertSameEnvironment(
    'seed',
    environment,
    lastSeededEnvironment([...entries.values()]),
    options.forceEnvironment === true,
  );
  const executed: SeedRunRecord[] = [];
  const upToDate: string[] = [];
  for (const seed of seeds.filter((s) => selected.has(s.name))) {
    const entry = entries.get(seed.name);
    const reason = !entry
      ? 'pending'
      : entry.checksum !== seed.checksum && seed.runOnChange
        ? 'changed'
        : undefined;
    if (!reason) {
      upToDate.push(seed.name);
      continue;
    }
    logger.info({ seed: seed.name, reason }, `Seeding ${seed.name}`);
    const done = await executeSeed(seed, reason, core.runEnvironment);
    if (!done) {
      logger.info({ seed: seed.name }, `${seed.name} was run by another process meanwhile`);
      upToDate.push(seed.name);
      continue;
    }
    executed.push({
      name: seed.name,
      reason,
      rowsAffected: done.rowsAffected,
      executionMs: Math.round(done.executionMs),
    });
    logger.info(
      { seed: seed.name, rowsAffected: done.rowsAffected, executionMs: Math.round(done.executionMs) },
      `Seeded ${seed.name}`,
    );
  }
  const message =
    executed.length === 0
      ? `Nothing to seed: ${plural(upToDate.length, 'seed')} up to date (${environment}).`
      : `Seeded ${plural(executed.length, 'seed')} (${environment}): ${executed.map((e) => e.name).join(', ')}.`;
  logger.info({ executed: executed.length, upToDate: upToDate.length, environment }, message);
  return { environment, executed, upToDate, message };
}

/**
 * Creates a seeder for one database: seeds load from `options.seeds` (a directory, default
 * `./seeds`, or definitions in code) on every operation, and their history is kept in
 * `dalkit_seeds`.
 * @example
 * const seeder = createSeeder({ db, seeds: './seeds', environment: 'development', params: { scale: 2 } });
 * const { message } = await seeder.run();
 */
export function createSeeder(options: SeederOptions): Seeder {
  const db = toSeedDatabase(options.db);
  const env = options.env ?? process.env;
  const environment = resolveSeedEnvironment(options.environment, env);
  const logger = options.logger ?? db.logger ?? silentLogger;
  const history = new SeedHistoryTable(db.sequelize, options.historyTable);
  const source = options.seeds ?? './seeds';
  const core: SeederCore = {
    runEnvironment: Object.freeze({
      db,
      history,
      models: options.models ?? db.sequelize.models,
      logger,
      environment,
      params: Object.freeze({ ...options.params }),
      progress: options.progress ?? createLogProgress({ logger }),
    }),
    forceProduction: forceProductionFromEnv(env),
    protectedTables: [
      options.historyTable ?? 'dalkit_seeds',
      ...(options.protectedTables ?? ['dalkit_migrations']),
    ],
    loadAll: async () =>
      orderSeeds(typeof source === 'string' ? await loadSeeds(source) : fromDefinitions(source), 'at all'),
    run: (runOptions) => runSeeds(core, runOptions),
  };
  return Object.freeze({
    environment,
    run: (runOptions = {}) => runSeeds(core, runOptions),
    status: async () => seedStatuses(await core.loadAll(), await history.listIfExists(), environment),
    reset: (resetOptions = {}) => resetSeeds(core, resetOptions),
  });
}
