import type { Logger } from '@dalkit/connection';
import type { Sequelize } from 'sequelize';
import type { SeedEnvironment } from './environment.js';
import type { ProgressReporter } from './progress/types.js';
import type { SeedStatus } from './seed-status.js';
import type { SeedDatabase, SeedDefinition, SeedModel } from './types.js';

/** Options of {@link createSeeder}. */
export interface SeederOptions {
  /** A dalkit `Database` (seeds then run in its transactions) or a bare Sequelize instance. */
  db: SeedDatabase | Sequelize;
  /** A directory of seed files, or seeds given in code. @default './seeds' */
  seeds?: string | readonly SeedDefinition[];
  /** The environment to seed for; `dev`/`prod` accepted. @default DALKIT_ENV, NODE_ENV, then 'development' */
  environment?: string;
  /** Parameters passed to every seed as `ctx.params`, e.g. `{ scale: 10 }`. @default {} */
  params?: Record<string, unknown>;
  /** @default the db handle's logger, else silent */
  logger?: Logger;
  /** Progress of bulk loads. @default log lines through `logger` */
  progress?: ProgressReporter;
  /** Models given to seeds as `ctx.models`. @default sequelize.models */
  models?: Record<string, SeedModel>;
  /** Name of the history table. @default 'dalkit_seeds' */
  historyTable?: string;
  /** Tables `reset` must never empty, besides the history table. @default ['dalkit_migrations'] */
  protectedTables?: readonly string[];
  /** Environment variables to read (`DALKIT_ENV`, `NODE_ENV`, `DALKIT_FORCE_PRODUCTION`). @default process.env */
  env?: NodeJS.ProcessEnv;
}

/** Options of {@link Seeder.run}. */
export interface RunSeedsOptions {
  /** Only these seeds (and, unless `noDeps`, what they depend on). */
  only?: readonly string[];
  /** With `only`: do not pull in dependencies. @default false */
  noDeps?: boolean;
  /** Seed even though the database was last seeded under another environment. @default false */
  forceEnvironment?: boolean;
}

/** Options of {@link Seeder.reset}. */
export interface ResetSeedsOptions {
  /** Only these seeds (and every seed that depends on them). */
  only?: readonly string[];
  /** Allow reset in production (also `DALKIT_FORCE_PRODUCTION=1`). @default false */
  forceProduction?: boolean;
  /** Allow reset when the database was last seeded under another environment. @default false */
  forceEnvironment?: boolean;
}

/** One seed that ran. */
export interface SeedRunRecord {
  name: string;
  /** Why it ran: it had never run, or its file changed and it has `runOnChange`. */
  reason: 'pending' | 'changed';
  rowsAffected: number;
  executionMs: number;
}

/** What {@link Seeder.run} did. */
export interface RunSeedsResult {
  environment: SeedEnvironment;
  /** The seeds that ran, in order. */
  executed: SeedRunRecord[];
  /** Selected seeds that were already up to date. */
  upToDate: string[];
  /** One human sentence, e.g. `Nothing to seed: 4 seeds are up to date (development).` */
  message: string;
}

/** What {@link Seeder.reset} did. */
export interface ResetSeedsResult {
  environment: SeedEnvironment;
  /** Tables emptied, in the order they were emptied. */
  emptied: string[];
  /** Seeds whose tables are unknown (declared none, wrote none through the helpers). */
  warnings: string[];
  /** The reseed that followed. */
  run: RunSeedsResult;
}

/** Runs, inspects and resets the seeds of one database. */
export interface Seeder {
  /** The environment this seeder seeds for. */
  readonly environment: SeedEnvironment;
  /** Runs, in dependency order, the selected seeds that have not run or changed with `runOnChange`. */
  run(options?: RunSeedsOptions): Promise<RunSeedsResult>;
  /** Ran / pending / changed / excluded / missing, per seed. */
  status(): Promise<SeedStatus[]>;
  /** Empties the seeded tables in reverse dependency order, forgets their history, then reseeds. */
  reset(options?: ResetSeedsOptions): Promise<ResetSeedsResult>;
}
