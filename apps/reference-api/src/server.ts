import type { Database } from '@dalkit/connection';
import { createMigrator } from '@dalkit/migrations';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp } from './app.js';
import type { AppConfig } from './config.js';
import { openDatabase } from './database.js';
import { MIGRATIONS } from './db/migrations.js';
import { prepareDatabase } from './db/prepare.js';
import { runSeeds } from './db/seeds.js';

/** A listening server and how to stop it. */
export interface RunningServer {
  readonly app: FastifyInstance;
  readonly db: Database;
  readonly url: string;
  readonly logger: Logger;
  /** Stops accepting connections, lets in-flight requests finish, then closes the pool. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the service: opens the database (embedded when no `DATABASE_URL`), applies pending
 * migrations, loads the environment's seeds when configured, and listens. `databaseEnv` is
 * where the pool and retry settings (`DB_*`) are read from.
 */
export async function startServer(
  config: AppConfig,
  logger: Logger = createLogger(config),
  options: { databaseEnv?: NodeJS.ProcessEnv | false } = {},
): Promise<RunningServer> {
  const started = performance.now();
  const db = openDatabase(config, logger, options.databaseEnv ?? process.env);
  try {
    await db.connect();
    prepareDatabase(db, config);
    const migrator = createMigrator({ db, migrations: MIGRATIONS, logger, appliedBy: 'reference-api' });
    if (config.migrateOnStart) {
      const applied = (await migrator.up()).migrations.map((m) => m.name);
      logger.info(
        { applied },
        applied.length ? `applied ${applied.length} migrations` : 'schema is up to date',
      );
    }
    if (config.seedOnStart) await runSeeds(db, config, logger);
    const app = await buildApp({
      db,
      loggerInstance: logger,
      cursorSecret: config.cursorSecret,
      pendingMigrations: () => migrator.pending(),
    });
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host}:${port}`;
    logger.info(
      { url, database: db.target, ms: Math.round(performance.now() - started) },
      `listening on ${url}`,
    );
    let stopping: Promise<void> | undefined;
    return {
      app,
      db,
      url,
      logger,
      stop() {
        stopping ??= (async () => {
          try {
            await app.close();
          } finally {
            await db.close();
          }
        })();
        return stopping;
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** The pino logger of the service (JSON lines; request logs carry `reqId` and `responseTime`). */
export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] });
}

/**
 * On SIGTERM or SIGINT: stop accepting, finish in-flight requests, close the pool, `exit(0)`;
 * `exit(1)` if that takes longer than `timeoutMs`. Returns a function that removes the handlers.
 */
export function handleShutdownSignals(
  server: RunningServer,
  options: { timeoutMs: number; exit?: (code: number) => void; signals?: NodeJS.Signals[] },
): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const onSignal = (signal: NodeJS.Signals) => {
    server.logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      server.logger.error({ timeoutMs: options.timeoutMs }, 'shutdown timed out');
      exit(1);
    }, options.timeoutMs);
    timer.unref();
    server.stop().then(
      () => {
        clearTimeout(timer);
        server.logger.info('shut down cleanly');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        server.logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  for (const signal of signals) process.once(signal, onSignal);
  return () => {
    for (const signal of signals) process.removeListener(signal, onSignal);
  };
}
