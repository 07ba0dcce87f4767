import type { ResolvedDatabaseConfig } from '../config/schema.js';
import type { Logger } from '../logging.js';

/** Where a config connects, password left out: `postgres://app@db:5432/shop`, `pglite://memory`. */
export function targetOf(config: ResolvedDatabaseConfig): string {
  if (config.embedded) return `pglite://${config.embedded.dataDir}`;
  const user = config.username ? `${encodeURIComponent(config.username)}@` : '';
  const port = config.port ? `:${config.port}` : '';
  return `${config.dialect}://${user}${config.host}${port}/${config.database ?? ''}`;
}

/** The config with the pool the embedded server supports (max 1), logged when that changes it. */
export function withEmbeddedPool(config: ResolvedDatabaseConfig, logger: Logger): ResolvedDatabaseConfig {
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
