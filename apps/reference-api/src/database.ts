import { join } from 'node:path';
import { createDatabase, type Database, type Logger } from '@dalkit/connection';
import type { AppConfig } from './config.js';

/**
 * Opens the configured database: the server named by `DATABASE_URL`, or an embedded
 * PostgreSQL whose files live in `<dataDir>/pglite` (created on first start, reused after).
 * Pool and retry settings come from the `DB_*` variables (see @dalkit/connection).
 */
export function openDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  logger: Logger,
  env: NodeJS.ProcessEnv | false = process.env,
): Database {
  const where = config.databaseUrl
    ? { url: config.databaseUrl }
    : { url: `pglite://${join(config.dataDir, 'pglite')}` };
  return createDatabase({ ...where, logger }, { env });
}
