import type { ConfigLayer } from './layer.js';
import { LOG_LEVELS } from './schema.js';

const ms = (min: number) => `an integer >= ${min} (milliseconds)`;

/** What each config path accepts, as the sentence after "must be". */
const EXPECTED: Record<string, string | ((keyOf: (path: string) => string) => string)> = {
  dialect: 'one of postgres, mariadb, mysql',
  host: 'a host name or address',
  port: 'an integer between 1 and 65535',
  database: 'a database name',
  username: 'a user name',
  password: 'a string',
  applicationName: 'a name of 1 to 63 characters',
  'embedded.dataDir': "a folder path or 'memory'",
  replicas: 'a list of connection URLs of read replicas',
  'pool.min': 'an integer >= 0',
  'pool.max': (keyOf) => `an integer >= ${keyOf('pool.min')}`,
  'pool.acquireTimeoutMs': ms(1),
  'pool.idleMs': ms(1),
  connectTimeoutMs: ms(1),
  statementTimeoutMs: ms(1),
  'ssl.mode': 'one of disable, require, verify-ca, verify-full',
  'ssl.ca': 'a path to a PEM file with the CA certificate(s)',
  'retry.maxAttempts': 'an integer >= 1',
  'retry.initialDelayMs': ms(0),
  'retry.maxDelayMs': ms(0),
  'retry.deadlineMs': ms(1),
  'logging.level': `one of ${LOG_LEVELS.join(', ')}`,
  'logging.slowQueryMs': ms(0),
  'logging.logParameters': 'true or false',
  'logging.logQueries': 'true or false',
};

/** The "must be …" text for a config path, naming related keys as the user wrote them. */
export function expectedFor(path: string, merged: ConfigLayer): string {
  const rule = EXPECTED[path];
  if (rule === undefined) return 'a known option';
  return typeof rule === 'string' ? rule : rule((p) => merged.get(p)?.key ?? p);
}

/** Every known config path, for "unknown key" messages. */
export const KNOWN_PATHS = Object.freeze(['url', ...Object.keys(EXPECTED)]);

/** What each replica URL must be, naming the primary's dialect. */
export function expectedReplica(dialect: unknown): string {
  return `a ${String(dialect)} connection URL (replicas use the primary's dialect)`;
}
