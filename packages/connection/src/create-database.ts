import { QueryTypes, Sequelize, type Transaction } from 'sequelize';
import { connectWithRetry } from './_internal/connect-with-retry.js';
import { targetOf, withEmbeddedPool } from './_internal/effective-config.js';
import { forwardMethods } from './_internal/forward-methods.js';
import type { EnvironmentVariables } from './config/from-env.js';
import { isResolvedConfig, resolveConfig } from './config/resolve-config.js';
import type { DatabaseConfig, Dialect, ResolvedDatabaseConfig } from './config/schema.js';
import { createEmbeddedHost, type EmbeddedHost } from './dialects/embedded-host.js';
import { isAlive } from './dialects/evict-dead-connections.js';
import type { RequireFn } from './dialects/load-driver.js';
import { sequelizeOptions } from './dialects/sequelize-options.js';
import { installSessionHooks } from './dialects/session-hooks.js';
import { ConnectionError } from './errors/errors.js';
import { mapDatabaseError } from './errors/map-database-error.js';
import { checkHealth, type HealthReport, measureRoundTrip } from './health.js';
import { createDefaultLogger, type Logger, redactingLogger } from './logging.js';
import { createQueryLogging } from './query-logging.js';
import { type RetryClock, systemClock } from './retry.js';
import { createTransactionManager } from './transactions/create-transaction-manager.js';

/** The configuration as a handle shows it: resolved, with the password removed. */
export type RedactedDatabaseConfig = Readonly<Omit<ResolvedDatabaseConfig, 'password'>>;

/** Options of a raw query. */
export interface QueryOptions {
  /** Values for `$1, $2, …` (or `$name`) placeholders; sent separately from the SQL. */
  bind?: readonly unknown[] | Readonly<Record<string, unknown>>;
  /** Run on this transaction (the current one is used implicitly when omitted). */
  transaction?: Transaction;
}

/** The handle `createDatabase()` returns: a pooled Sequelize instance and what surrounds it. */
export interface DatabaseHandle {
  /** The Sequelize instance, for models and anything dalkit does not wrap. */
  readonly sequelize: Sequelize;
  /** The SQL dialect: the embedded database speaks `postgres`. */
  readonly dialect: Dialect;
  /** True for the in-process embedded PostgreSQL (PGlite): one connection. */
  readonly embedded: boolean;
  /** The logger every line of this handle goes to (password-redacting). */
  readonly logger: Logger;
  /** The resolved configuration, without the password. */
  readonly config: RedactedDatabaseConfig;
  /** Where it connects, password removed: `postgres://app@db:5432/shop`, `pglite://memory`. */
  readonly target: string;
  /** Opens a first connection, retrying with exponential backoff and full jitter; see `retry` config. */
  connect(): Promise<void>;
  /** Runs `SELECT 1` and returns the round trip in ms; throws a mapped dalkit error when the database is unreachable. */
  ping(): Promise<number>;
  /** Round trip and pool figures (taken as the check starts); never throws (`ok: false` with the error instead). */
  health(): Promise<HealthReport>;
  /** Drains the pool and stops an embedded server. Idempotent. */
  close(): Promise<void>;
  /**
   * Runs a raw SQL statement with bind parameters (`$1`, `$2`, … on every dialect) and returns
   * its rows (none for statements without a result). Errors are mapped by `mapDatabaseError`.
   */
  query<T = Record<string, unknown>>(sql: string, options?: QueryOptions): Promise<T[]>;
}

/** A database handle with its transaction API (see `createTransactionManager`). */
export type Database = DatabaseHandle & ReturnType<typeof createTransactionManager>;

/** Seams and companions of {@link createDatabase}. */
export interface CreateDatabaseOptions {
  /** Where log lines go. @default pino at `logging.level` */
  logger?: Logger;
  /** Environment variables to read when `config` is not already resolved. @default process.env */
  env?: EnvironmentVariables | false;
  /** Clock and randomness for connect retries (tests inject a fake one). */
  clock?: RetryClock;
  /** Loads driver packages (tests inject a failing one). */
  requireDriver?: RequireFn;
}

/**
 * Creates a database handle: resolves the configuration (explicit > environment > defaults;
 * pass the result of `loadConfig()` to include a config file), builds the pooled Sequelize
 * instance and the transaction API. Nothing connects until the first query or `connect()`.
 * @example
 * const db = createDatabase({ url: process.env.DATABASE_URL });
 * await db.connect();
 * const rows = await db.query('SELECT $1::int AS n', { bind: [1] });
 * await db.close();
 */
export function createDatabase(
  config: (DatabaseConfig & { logger?: Logger }) | ResolvedDatabaseConfig = {},
  options: CreateDatabaseOptions = {},
): Database {
  const { logger: configLogger, ...rest } = config as DatabaseConfig & { logger?: Logger };
  const resolved = isResolvedConfig(config)
    ? config
    : resolveConfig(rest, options.env === undefined ? {} : { env: options.env });
  const secrets = [resolved.password, ...(resolved.replicas ?? []).map((replica) => replica.password)];
  const logger = redactingLogger(
    options.logger ?? configLogger ?? createDefaultLogger(resolved.logging.level),
    secrets,
  );
  const effective = withEmbeddedPool(resolved, logger);
  const target = targetOf(effective);
  const embeddedHost: EmbeddedHost | undefined = effective.embedded
    ? createEmbeddedHost(effective.embedded.dataDir, logger)
    : undefined;
  let driverValidate: (connection: unknown) => boolean = () => true;
  const validate = (connection: unknown) => isAlive(connection) && driverValidate(connection);
  const instance = new Sequelize({
    ...sequelizeOptions(effective, {
      validate,
      ...(options.requireDriver ? { requireDriver: options.requireDriver } : {}),
    }),
    ...createQueryLogging(effective.logging, logger, effective.dialect),
  });
  const manager = instance.connectionManager as unknown as { validate(connection: unknown): boolean };
  driverValidate = (connection) => manager.validate(connection);
  installSessionHooks(instance, effective, { embeddedHost, logger });
  const transactions = createTransactionManager(instance, { logger, dialect: effective.dialect });
  const clock = options.clock ?? systemClock;
  const { password: _password, ...visibleConfig } = effective;
  let connecting: Promise<void> | undefined;
  let closing: Promise<void> | undefined;

  const connectOnce = () =>
    connectWithRetry(instance, { retry: effective.retry, clock, logger, target, secrets });

  const handle: DatabaseHandle = {
    sequelize: instance,
    dialect: effective.dialect,
    embedded: effective.embedded !== undefined,
    logger,
    config: Object.freeze(visibleConfig),
    target,
    connect() {
      if (closing) return Promise.reject(new ConnectionError(`The database handle for ${target} is closed`));
      connecting ??= connectOnce().catch((error: unknown) => {
        connecting = undefined;
        throw error;
      });
      return connecting;
    },
    ping: () =>
      measureRoundTrip(instance).catch((error: unknown) => {
        throw mapDatabaseError(error);
      }),
    health: () => checkHealth(instance, { dialect: effective.dialect, target, secrets }),
    close() {
      closing ??= (async () => {
        try {
          await instance.close();
        } finally {
          await embeddedHost?.stop();
        }
        logger.info({ target }, 'database closed');
      })();
      return closing;
    },
    async query<T>(sql: string, queryOptions: QueryOptions = {}) {
      try {
        const [rows] = await instance.query(sql, {
          type: QueryTypes.RAW,
          raw: true,
          ...(queryOptions.bind === undefined ? {} : { bind: queryOptions.bind as unknown[] }),
          ...(queryOptions.transaction === undefined ? {} : { transaction: queryOptions.transaction }),
        });
        return (Array.isArray(rows) ? rows : []) as T[];
      } catch (error) {
        throw mapDatabaseError(error);
      }
    },
  };
  forwardMethods(handle, transactions);
  return handle as Database;
}
