import type { Options, PoolOptions } from 'sequelize';
import type { ResolvedDatabaseConfig } from '../config/schema.js';
import { loadDriver, type RequireFn } from './load-driver.js';
import { sslOptions } from './ssl-options.js';

/** Connection options for the dialect's driver, as Sequelize passes them through `dialectOptions`. */
function dialectOptions(config: ResolvedDatabaseConfig): Record<string, unknown> {
  const ssl = sslOptions(config.ssl);
  if (config.dialect === 'postgres') {
    return {
      application_name: config.applicationName,
      connectionTimeoutMillis: config.connectTimeoutMs,
      keepAlive: true,
      ssl,
      ...(config.statementTimeoutMs === undefined ? {} : { statement_timeout: config.statementTimeoutMs }),
    };
  }
  return { connectTimeout: config.connectTimeoutMs, ...(ssl ? { ssl } : {}) };
}

/**
 * The Sequelize options for a resolved config: driver, credentials, pool (with `validate`),
 * driver options (timeouts, TLS, application name) and Sequelize's statement `retry` turned
 * off: it would re-run one statement inside an aborted transaction. Whole-transaction retry
 * belongs to the transaction manager; connect retry to `connect()`.
 */
export function sequelizeOptions(
  config: ResolvedDatabaseConfig,
  extra: { validate: (connection: unknown) => boolean; requireDriver?: RequireFn },
): Options {
  const pool: PoolOptions = {
    min: config.pool.min,
    max: config.pool.max,
    acquire: config.pool.acquireTimeoutMs,
    idle: config.pool.idleMs,
    evict: 1_000,
    validate: extra.validate,
  };
  return {
    dialect: config.dialect === 'postgres' ? 'postgres' : 'mysql',
    dialectModule: loadDriver(config.dialect, extra.requireDriver) as object,
    host: config.embedded ? '127.0.0.1' : config.host,
    ...(config.port === undefined ? {} : { port: config.port }),
    ...(config.database === undefined ? {} : { database: config.database }),
    ...(config.username === undefined ? {} : { username: config.username }),
    ...(config.password === undefined ? {} : { password: config.password }),
    dialectOptions: dialectOptions(config),
    pool,
    retry: { max: 1 },
    logging: false,
  };
}
