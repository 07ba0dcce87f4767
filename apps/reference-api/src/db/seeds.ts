import type { Database, Logger } from '@dalkit/connection';
import * as adminUser from '../../seeds/admin-user.js';
import * as categories from '../../seeds/categories.js';
import * as countries from '../../seeds/countries.js';
import * as sampleData from '../../seeds/sample-data.js';
import { runSeedList, type SeedDefinition } from '../_pending/seeds.js';
import type { AppConfig } from '../config.js';

/** The app's seeds as an in-memory list, so the bundled `dist/` carries them. */
export const SEEDS: readonly SeedDefinition[] = [countries, categories, adminUser, sampleData];

/** Runs the seeds of the configured environment that have not run yet. */
export async function runSeeds(
  db: Database,
  config: Pick<AppConfig, 'environment' | 'seedScale'>,
  logger: Logger,
): Promise<string[]> {
  return runSeedList(db.sequelize, SEEDS, {
    environment: config.environment,
    logger,
    options: { scale: config.seedScale },
  });
}
