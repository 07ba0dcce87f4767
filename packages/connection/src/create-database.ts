import { QueryTypes, Sequelize, type Transaction } from 'sequelize';
import { describeConnectError, isRetryableConnectError } from './_internal/connect-error.js';
import { forwardMethods } from './_internal/forward-methods.js';
import type { EnvironmentVariables } from './config/from-env.js';
import { isResolvedConfig, resolveConfig } from './config/resolve-config.js';
import type { DatabaseConfig, Dialect, ResolvedDatabaseConfig } from './config/schema.js';
import { createEmbeddedHost, type EmbeddedHost } from './dialects/embedded-host.js';
import { isAlive, watchForDeadSession } from './dialects/evict-dead-connections.js';
import type { RequireFn } from './dialects/load-driver.js';
import { applyMysqlStatementTimeout } from './dialects/mysql-statement-timeout.js';
import { sequelizeOptions } from './dialects/sequelize-options.js';
import { ConnectionError } from './errors/errors.js';
import { mapDatabaseError } from './errors/map-database-error.js';
import { type HealthReport, measureRoundTrip, poolStats } from './health.js';
import { createDefaultLogger, type Logger, redactingLogger } from './logging.js';
import { createQueryLogging } from './query-logging.js';
import { redactSecrets } from './redact.js';
import { type RetryClock, RetryExhaustedError, retryWithBackoff, systemClock } from './retry.js';
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

function targetOf(config: ResolvedDatabaseConfig): string {
  if (config.embedded) return `pglite://${config.embedded.dataDir}`;
  const user = config.username ? `${encodeURIComponent(config.username)}@` : '';
  const port = config.port ? `:${config.port}` : '';
  return `${config.dialect}://${user}${config.host}${port}/${config.database ?? ''}`;
}

function withEmbeddedPool(config: ResolvedDatabaseConfig, logger: Logger): ResolvedDatabaseConfig {
  if (!config.embedded || config.pool.max === 1) return config;
  logger.info(
    { requestedMax: config.pool.max },
    `embedded PostgreSQL serves one connection: pool max forced to 1 (was ${config.pool.max})`,
  );
  const copy = {
    ...config,
    pool: Object.freeze({ ...config.pool, max: 1, min: Math.min(config.pool.min, 1) }),
  };
  Object.defineProperty(copy, 'password', { value: config.password, enumerable: false });
  return Object.freeze(copy);
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
  const logger = redactingLogger(
    options.logger ?? configLogger ?? createDefaultLogger(resolved.logging.level),
    [resolved.password],
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
  if (embeddedHost) {
    instance.addHook('beforeConnect', async (connectionConfig) => {
      const server = await embeddedHost.start();
      Object.assign(connectionConfig, { host: server.host, port: server.port });
    });
    // PGlite ignores startup parameters; the name is set in the session instead.
    instance.addHook('afterConnect', async (connection) => {
      await (connection as { query(sql: string, values: unknown[]): Promise<unknown> }).query(
        "SELECT set_config('application_name', $1, false)",
        [effective.applicationName],
      );
    });
    if (effective.statementTimeoutMs !== undefined) {
      logger.warn('statementTimeoutMs is not enforced by the embedded PostgreSQL (PGlite has no timers)');
    }
  }
  if (effective.dialect === 'postgres') {
    instance.addHook('afterConnect', (connection) => watchForDeadSession(connection as never));
  } else if (effective.statementTimeoutMs !== undefined) {
    const timeoutMs = effective.statementTimeoutMs;
    instance.addHook('afterConnect', (connection) => applyMysqlStatementTimeout(connection, timeoutMs));
  }
  const transactions = createTransactionManager(instance, { logger, dialect: effective.dialect });
  const clock = options.clock ?? systemClock;
  const secrets = [resolved.password];
  const { password: _password, ...visibleConfig } = effective;
  let connecting: Promise<void> | undefined;
  let closing: Promise<void> | undefined;

  const connectOnce = async () => {
    const started = clock.now();
    try {
      await retryWithBackoff(() => instance.authenticate({ logging: false }), effective.retry, {
        clock,
        isRetryable: isRetryableConnectError,
        onRetry: ({ attempt, delayMs, error }) =>
          logger.warn(
            {
              attempt,
              maxAttempts: effective.retry.maxAttempts,
              delayMs,
              target,
              error: describeConnectError(error),
            },
            `database connection attempt ${attempt} failed; retrying in ${delayMs} ms`,
          ),
      });
      logger.info({ target, elapsedMs: clock.now() - started }, 'database connected');
    } catch (error) {
      if (!(error instanceof RetryExhaustedError)) throw error;
      const cause = error.cause;
      const message =
        `Could not connect to ${target} after ${error.attempts} attempt(s) over ${error.elapsedMs} ms` +
        `${error.reason === 'not retryable' ? ' (not retried: waiting cannot fix it)' : ''}: ` +
        redactSecrets(describeConnectError(cause), secrets);
      logger.error({ target, attempts: error.attempts, elapsedMs: error.elapsedMs }, message);
      throw new ConnectionError(message, {
        cause,
        details: { target, attempts: error.attempts, elapsedMs: error.elapsedMs, reason: error.reason },
      });
    }
  };

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
    async health() {
      const pool = poolStats(instance);
      try {
        const latencyMs = await measureRoundTrip(instance);
        return { ok: true, latencyMs, dialect: effective.dialect, target, pool };
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        return {
          ok: false,
          dialect: effective.dialect,
          target,
          pool,
          error: {
            code: typeof code === 'string' ? code : 'CONNECTION_FAILED',
            message: redactSecrets(describeConnectError(error), secrets),
          },
        };
      }
    },
    close() {
      closing ??= (async () => {
        await instance.close();
        await embeddedHost?.stop();
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
