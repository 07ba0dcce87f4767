import type { ConfigIssue } from '../errors/errors.js';
import { type ConfigLayer, withExclusiveTarget } from './layer.js';
import { parseConnectionUrl } from './parse-url.js';

/** Where configuration read from environment variables is attributed. */
export const ENV_SOURCE = 'environment';

/** Every `DB_*` variable dalkit reads, the config path it sets and how its text is read. */
export const ENV_VARIABLES = Object.freeze({
  DB_DIALECT: { path: 'dialect', kind: 'string' },
  DB_HOST: { path: 'host', kind: 'string' },
  DB_PORT: { path: 'port', kind: 'int' },
  DB_NAME: { path: 'database', kind: 'string' },
  DB_USER: { path: 'username', kind: 'string' },
  DB_PASSWORD: { path: 'password', kind: 'string' },
  DB_APPLICATION_NAME: { path: 'applicationName', kind: 'string' },
  DB_READ_REPLICA_URLS: { path: 'replicas', kind: 'list' },
  DB_POOL_MIN: { path: 'pool.min', kind: 'int' },
  DB_POOL_MAX: { path: 'pool.max', kind: 'int' },
  DB_POOL_ACQUIRE_TIMEOUT_MS: { path: 'pool.acquireTimeoutMs', kind: 'int' },
  DB_POOL_IDLE_MS: { path: 'pool.idleMs', kind: 'int' },
  DB_CONNECT_TIMEOUT_MS: { path: 'connectTimeoutMs', kind: 'int' },
  DB_STATEMENT_TIMEOUT_MS: { path: 'statementTimeoutMs', kind: 'int' },
  DB_SSL_MODE: { path: 'ssl.mode', kind: 'string' },
  DB_SSL_CA: { path: 'ssl.ca', kind: 'string' },
  DB_CONNECT_RETRY_MAX_ATTEMPTS: { path: 'retry.maxAttempts', kind: 'int' },
  DB_CONNECT_RETRY_INITIAL_DELAY_MS: { path: 'retry.initialDelayMs', kind: 'int' },
  DB_CONNECT_RETRY_MAX_DELAY_MS: { path: 'retry.maxDelayMs', kind: 'int' },
  DB_CONNECT_RETRY_DEADLINE_MS: { path: 'retry.deadlineMs', kind: 'int' },
  DB_SLOW_QUERY_MS: { path: 'logging.slowQueryMs', kind: 'int' },
  DB_LOG_LEVEL: { path: 'logging.level', kind: 'string' },
  DB_LOG_QUERIES: { path: 'logging.logQueries', kind: 'bool' },
  DB_LOG_PARAMETERS: { path: 'logging.logParameters', kind: 'bool' },
} as const);

/** Environment variables as `process.env` holds them. */
export type EnvironmentVariables = Readonly<Record<string, string | undefined>>;

function read(kind: 'string' | 'int' | 'bool' | 'list', raw: string): unknown {
  const text = raw.trim();
  if (kind === 'list')
    return text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  if (kind === 'int') return /^-?\d+$/.test(text) ? Number(text) : raw;
  if (kind === 'bool')
    return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : raw;
  return text;
}

/**
 * Reads configuration from environment variables: `DATABASE_URL` and the `DB_*` variables in
 * {@link ENV_VARIABLES}. Empty variables count as unset. Pure: pass the environment to read.
 * A separate variable beats the same part of `DATABASE_URL` (e.g. `DB_PASSWORD`).
 */
export function fromEnv(env: EnvironmentVariables): { layer: ConfigLayer; issues: ConfigIssue[] } {
  const layer: ConfigLayer = new Map();
  const issues: ConfigIssue[] = [];
  for (const [name, spec] of Object.entries(ENV_VARIABLES)) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    layer.set(spec.path, { value: read(spec.kind, raw), key: name, source: ENV_SOURCE });
  }
  const url = env.DATABASE_URL;
  if (url !== undefined && url.trim() !== '') {
    const parsed = parseConnectionUrl(url.trim(), 'DATABASE_URL', ENV_SOURCE);
    issues.push(...parsed.issues);
    for (const [path, entry] of parsed.layer) {
      if (!layer.has(path)) layer.set(path, entry);
    }
  }
  return { layer: withExclusiveTarget(layer), issues };
}
