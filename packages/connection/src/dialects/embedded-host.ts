import type { Logger } from '../logging.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

/** The embedded PostgreSQL owned by one database handle: started on first use, stopped on close. */
export interface EmbeddedHost {
  /** Starts the server once; later calls return the same one. */
  start(): Promise<EmbeddedPostgres>;
  /** Stops the server if it was started. Idempotent. */
  stop(): Promise<void>;
}

/** Creates the lazy owner of an embedded PostgreSQL for a `pglite://` data folder (or `memory`). */
export function createEmbeddedHost(dataDir: string, logger: Logger): EmbeddedHost {
  let starting: Promise<EmbeddedPostgres> | undefined;
  return {
    start() {
      starting ??= startEmbeddedPostgres(dataDir === 'memory' ? {} : { dataDir }).then((server) => {
        logger.info({ dataDir: server.dataDir, port: server.port }, 'embedded PostgreSQL started');
        return server;
      });
      starting.catch(() => {
        starting = undefined;
      });
      return starting;
    },
    async stop() {
      const server = await starting?.catch(() => undefined);
      starting = undefined;
      if (server) await server.close();
    },
  };
}
