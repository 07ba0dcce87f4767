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

function connectionOf(target: {
  host?: string | undefined;
  port?: number | undefined;
  database?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
}) {
  const out: Record<string, unknown> = {};
  for (const key of ['host', 'port', 'database', 'username', 'password'] as const) {
    if (target[key] !== undefined) out[key] = target[key];
  }
  return out;
}

/** Sequelize's `replication`: the primary for writes, the replicas (parts they omit taken from the primary) for reads. */
function replication(
  config: ResolvedDatabaseConfig,
  replicas: NonNullable<ResolvedDatabaseConfig['replicas']>,
): NonNullable<Options['replication']> {
  return {
    write: connectionOf(config),
    read: replicas.map((replica) => connectionOf(replica)),
  } as NonNullable<Options['replication']>;
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
    ...(config.replicas?.length ? { replication: replication(config, config.replicas) } : {}),
    pool,
    retry: { max: 1 },
    logging: false,
  };
}
