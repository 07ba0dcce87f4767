import type { Sequelize } from 'sequelize';
import type { ResolvedDatabaseConfig } from '../config/schema.js';
import type { Logger } from '../logging.js';
import type { EmbeddedHost } from './embedded-host.js';
import { watchForDeadSession } from './evict-dead-connections.js';
import { applyMysqlStatementTimeout } from './mysql-statement-timeout.js';

/**
 * Hooks every new connection of a handle: the embedded server is started (and its port used)
 * before connecting; PGlite sessions get their application name by SET (it ignores startup
 * parameters); pg clients are watched for session-ending errors; MariaDB/MySQL sessions get
 * the statement timeout.
 */
export function installSessionHooks(
  sequelize: Sequelize,
  config: ResolvedDatabaseConfig,
  deps: { embeddedHost: EmbeddedHost | undefined; logger: Logger },
): void {
  const { embeddedHost } = deps;
  if (embeddedHost) {
    sequelize.addHook('beforeConnect', async (connectionConfig) => {
      const server = await embeddedHost.start();
      Object.assign(connectionConfig, { host: server.host, port: server.port });
    });
    sequelize.addHook('afterConnect', async (connection) => {
      await (connection as { query(sql: string, values: unknown[]): Promise<unknown> }).query(
        "SELECT set_config('application_name', $1, false)",
        [config.applicationName],
      );
    });
    if (config.statementTimeoutMs !== undefined) {
      deps.logger.warn(
        'statementTimeoutMs is not enforced by the embedded PostgreSQL (PGlite has no timers)',
      );
    }
  }
  if (config.dialect === 'postgres') {
    sequelize.addHook('afterConnect', (connection) => watchForDeadSession(connection as never));
  } else if (config.statementTimeoutMs !== undefined) {
    const timeoutMs = config.statementTimeoutMs;
    sequelize.addHook('afterConnect', (connection) => applyMysqlStatementTimeout(connection, timeoutMs));
  }
}
