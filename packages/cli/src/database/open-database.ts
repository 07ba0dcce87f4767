import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  createDatabase,
  type Database,
  type DatabaseConfig,
  type EmbeddedPostgres,
  type ResolvedDatabaseConfig,
  startEmbeddedPostgres,
} from '@dalkit/connection';
import type { SqlRunner } from '../_internal/sql-runner.js';
import type { CliContext } from '../context.js';
import { createCliLogger } from './cli-logger.js';
import { loadDatabaseConfig } from './load-database-config.js';

/** A connected database for one command, and what is needed to close it. */
export interface OpenedDatabase {
  /** The dalkit database handle (connected). */
  readonly db: Database;
  /** The resolved configuration (its password is non-enumerable). */
  readonly config: ResolvedDatabaseConfig;
  /** Raw SQL on the handle. */
  readonly sql: SqlRunner;
  /** The embedded server, when the configuration names one (the CLI hosts it in-process). */
  readonly embedded?: EmbeddedPostgres;
  /** Closes the handle and stops an embedded server. */
  close(): Promise<void>;
}

/** The embedded data folder of a configuration, resolved against the working directory, or `memory`. */
export function embeddedDataDir(config: ResolvedDatabaseConfig, cwd: string): string | undefined {
  const dataDir = config.embedded?.dataDir;
  if (dataDir === undefined || dataDir === 'memory') return dataDir;
  return resolve(cwd, dataDir);
}

async function hostEmbedded(config: ResolvedDatabaseConfig, context: CliContext): Promise<EmbeddedPostgres> {
  const dataDir = embeddedDataDir(config, context.io.cwd);
  if (dataDir === 'memory' || dataDir === undefined) return startEmbeddedPostgres({});
  // PGlite creates the data folder but not its parents.
  await mkdir(dirname(dataDir), { recursive: true });
  return startEmbeddedPostgres({ dataDir });
}

/**
 * Loads the configuration and connects (with the configured retry). The embedded database
 * is started by the CLI itself, so backup can read its data directory. Call `close()` in a
 * `finally`.
 */
export async function openDatabase(
  context: CliContext,
  overrides: DatabaseConfig = {},
): Promise<OpenedDatabase> {
  const config = await loadDatabaseConfig(context, overrides);
  const logger = createCliLogger(context.output);
  const embedded = config.embedded ? await hostEmbedded(config, context) : undefined;
  const db = embedded
    ? createDatabase(
        {
          url: embedded.url,
          pool: { max: 1, min: 0 },
          retry: config.retry,
          logging: { level: 'silent' },
          logger,
        },
        { env: false },
      )
    : createDatabase(config, { logger });
  const close = async () => {
    await db.close();
    await embedded?.close();
  };
  try {
    await db.connect();
  } catch (error) {
    await close();
    throw error;
  }
  const sql: SqlRunner = {
    dialect: db.dialect,
    select: (text, bind) => db.query(text, bind === undefined ? {} : { bind }),
  };
  return { db, config, sql, ...(embedded ? { embedded } : {}), close };
}
