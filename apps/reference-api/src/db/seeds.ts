import type { Database, Logger } from '@dalkit/connection';
import { createSeeder, type RunSeedsResult } from '@dalkit/seeds';
import adminUser from '../../seeds/admin-user.js';
import categories from '../../seeds/categories.js';
import countries from '../../seeds/countries.js';
import sampleData from '../../seeds/sample-data.js';
import type { AppConfig } from '../config.js';

/** The app's seeds as an in-memory list, so the bundled `dist/` carries them. */
export const SEEDS = [countries, categories, adminUser, sampleData];

/** Runs the seeds of the configured environment that have not run yet. */
export function runSeeds(
  db: Database,
  config: Pick<AppConfig, 'environment' | 'seedScale'>,
  logger: Logger,
): Promise<RunSeedsResult> {
  const seeder = createSeeder({
    db,
    seeds: SEEDS,
    environment: config.environment,
    params: { scale: config.seedScale },
    logger,
  });
  return seeder.run();
}
