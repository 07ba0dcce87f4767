import { z } from 'zod';

/** The SQL dialects dalkit talks to. The embedded database speaks `postgres`. */
export const Dialect = {
  POSTGRES: 'postgres',
  MARIADB: 'mariadb',
  MYSQL: 'mysql',
} as const;
/** The SQL dialect of a database handle. */
export type Dialect = (typeof Dialect)[keyof typeof Dialect];

/** libpq's `sslmode` values that dalkit supports. */
export const SslMode = {
  DISABLE: 'disable',
  REQUIRE: 'require',
  VERIFY_CA: 'verify-ca',
  VERIFY_FULL: 'verify-full',
} as const;
/** How TLS is used: off, encrypted without verification, CA verified, CA and host name verified. */
export type SslMode = (typeof SslMode)[keyof typeof SslMode];

/** Log levels accepted by `logging.level` / `DB_LOG_LEVEL`. */
export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
/** A log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

const int = (min: number) => z.number().int().min(min);

/** Every default in one place. @internal documentation lists them in the README. */
export const DEFAULTS = Object.freeze({
  pool: Object.freeze({ min: 2, max: 10, acquireTimeoutMs: 10_000, idleMs: 10_000 }),
  connectTimeoutMs: 10_000,
  ssl: Object.freeze({ mode: SslMode.DISABLE }),
  retry: Object.freeze({ maxAttempts: 10, initialDelayMs: 200, maxDelayMs: 5_000, deadlineMs: 30_000 }),
  logging: Object.freeze({ level: 'info' as LogLevel, logParameters: false, logQueries: false }),
  applicationName: 'dalkit',
});

/** The zod schema of a fully resolved configuration (after merging sources and defaults). */
export const resolvedConfigSchema = z
  .object({
    dialect: z.enum(['postgres', 'mariadb', 'mysql']),
    embedded: z
      .object({ dataDir: z.string().min(1) })
      .strict()
      .optional(),
    host: z.string().min(1).optional(),
    port: int(1).max(65_535).optional(),
    database: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().optional(),
    applicationName: z.string().min(1).max(63),
    replicas: z
      .array(
        z
          .object({
            host: z.string().min(1),
            port: int(1).max(65_535).optional(),
            database: z.string().min(1).optional(),
            username: z.string().min(1).optional(),
            password: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
    pool: z
      .object({
        min: int(0),
        max: int(1),
        acquireTimeoutMs: int(1),
        idleMs: int(1),
      })
      .strict()
      .refine((pool) => pool.max >= pool.min, { path: ['max'] }),
    connectTimeoutMs: int(1),
    statementTimeoutMs: int(1).optional(),
    ssl: z
      .object({
        mode: z.enum(['disable', 'require', 'verify-ca', 'verify-full']),
        ca: z.string().min(1).optional(),
      })
      .strict(),
    retry: z
      .object({
        maxAttempts: int(1),
        initialDelayMs: int(0),
        maxDelayMs: int(0),
        deadlineMs: int(1),
      })
      .strict(),
    logging: z
      .object({
        level: z.enum(LOG_LEVELS),
        slowQueryMs: int(0).optional(),
        logParameters: z.boolean(),
        logQueries: z.boolean(),
      })
      .strict(),
  })
  .strict();

/** A configuration after every source and default was applied and validated. */
export type ResolvedDatabaseConfig = z.infer<typeof resolvedConfigSchema>;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/**
 * What a user writes: in code, in `dalkit.config.*`, or (as `DB_*` variables) in the
 * environment. A connection string alone is enough; every other key has a default.
 */
export interface DatabaseConfig extends DeepPartial<Omit<ResolvedDatabaseConfig, 'embedded' | 'replicas'>> {
  /**
   * `postgres://user:pass@host:5432/db?sslmode=verify-full&sslrootcert=/ca.pem`, `postgresql://…`,
   * `mysql://…`, `mariadb://…`, or the embedded PostgreSQL: `pglite://memory`, `pglite://./data`.
   */
  url?: string;
  /**
   * Connection URLs of read replicas (same dialect; user, password and database default to the
   * primary's). Model reads outside a transaction go to them; writes, transactions and
   * `db.query()` go to the primary.
   */
  replicas?: readonly string[];
  /** The embedded PostgreSQL's data folder, or `'memory'` (same as `url: 'pglite://…'`). */
  embedded?: { dataDir?: string };
}

/** A config file's content: a base config plus optional per-environment blocks laid over it. */
export interface DatabaseConfigFile extends DatabaseConfig {
  development?: DatabaseConfig;
  test?: DatabaseConfig;
  production?: DatabaseConfig;
}
