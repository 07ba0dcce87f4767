import { join } from 'node:path';
import { type EmbeddedPostgres, type Logger, redactUrl, startEmbeddedPostgres } from '@dalkit/connection';
import { createDatabase, type Database } from './_pending/connection.js';
import type { AppConfig } from './config.js';

/** The app's database: the handle, and the embedded server when one was started for it. */
export interface AppDatabase {
  readonly db: Database;
  /** `embedded` (PGlite in `dataDir`) or the redacted server URL. */
  readonly target: string;
  /** Closes the pool, then stops the embedded server. Idempotent. */
  close(): Promise<void>;
}

/**
 * Opens the configured database: the server named by `DATABASE_URL`, or an embedded
 * PostgreSQL whose files live in `<dataDir>/pglite` (created on first start, reused after).
 */
export async function openDatabase(config: AppConfig, logger: Logger): Promise<AppDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (url === undefined) {
    const dataDir = join(config.dataDir, 'pglite');
    logger.info({ dataDir }, 'starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({ dataDir });
    url = embedded.url;
  }
  const db = createDatabase({ url, pool: embedded ? { max: 1, min: 0 } : { max: 10, min: 2 }, logger });
  let closing: Promise<void> | undefined;
  return {
    db,
    target: embedded ? `embedded (${embedded.dataDir})` : redactUrl(url),
    close() {
      closing ??= (async () => {
        await db.close();
        await embedded?.close();
      })();
      return closing;
    },
  };
}
