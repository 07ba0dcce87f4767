import { createHash } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { ErrorCode } from '../errors/codes.js';
import { DalkitError } from '../errors/dalkit-error.js';
import { ValidationError } from '../errors/errors.js';
import type { Logger } from '../logging.js';
import type { RetryClock } from '../retry.js';
import type { TransactionDialect } from './dialect-rules.js';
import { loggable } from './log-failure.js';
import type { AdvisoryLockKey, AdvisoryLockOptions, TransactionOptions } from './types.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** Longest wait between two `pg_try_advisory_xact_lock` polls, in ms. */
const MAX_POLL_MS = 100;
/** GET_LOCK's "forever": MariaDB answers NULL to a negative timeout, so wait a year. */
const GET_LOCK_FOREVER_S = 365 * 24 * 3600;

/** What {@link withAdvisoryLockOn} needs from the transaction manager. */
export interface AdvisoryLockDeps {
  sequelize: Sequelize;
  dialect: TransactionDialect;
  logger: Logger;
  clock: Pick<RetryClock, 'sleep' | 'now'>;
  transaction<T>(fn: (tx: Transaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

function invalidKey(message: string): never {
  throw new ValidationError([{ path: 'key', rule: 'advisoryLockKey', message }]);
}

/** PostgreSQL's 64-bit key: an integer as is, a name as the first 8 bytes of its SHA-256. */
export function postgresLockKey(key: AdvisoryLockKey): string {
  if (typeof key === 'string') {
    if (key.length === 0) invalidKey('key must be a non-empty string or an integer');
    return createHash('sha256').update(key).digest().readBigInt64BE(0).toString();
  }
  if (typeof key === 'number' && !Number.isSafeInteger(key))
    invalidKey(`key must be a safe integer (got ${key})`);
  const value = BigInt(key);
  if (value < INT64_MIN || value > INT64_MAX) invalidKey('key must fit in a signed 64-bit integer');
  return value.toString();
}

/** MariaDB's lock name (GET_LOCK is server-wide): scoped to the database, at most 64 characters. */
export function mariadbLockName(database: string, key: AdvisoryLockKey): string {
  if (typeof key === 'string' && key.length === 0) invalidKey('key must be a non-empty string or an integer');
  const canonical = typeof key === 'string' ? key : postgresLockKey(key);
  return `dalkit:${createHash('sha1').update(`${database}/${canonical}`).digest('hex')}`;
}

function lockTimeout(key: AdvisoryLockKey, timeoutMs: number | undefined): DalkitError {
  return new DalkitError(
    ErrorCode.LOCK_TIMEOUT,
    `Could not take advisory lock ${String(key)} within ${timeoutMs} ms`,
    {
      details: { key: String(key), timeoutMs },
    },
  );
}

async function lockPostgres(
  deps: AdvisoryLockDeps,
  tx: Transaction,
  key: AdvisoryLockKey,
  timeoutMs?: number,
) {
  const bind = [postgresLockKey(key)];
  if (timeoutMs === undefined) {
    await deps.sequelize.query('SELECT pg_advisory_xact_lock($1::bigint)', { bind, transaction: tx });
    return;
  }
  // Polling the try-variant never raises 55P03, which would abort the caller's transaction.
  const deadline = deps.clock.now() + timeoutMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, MAX_POLL_MS)) {
    const [row] = await deps.sequelize.query<{ acquired: boolean }>(
      'SELECT pg_try_advisory_xact_lock($1::bigint) AS acquired',
      { bind, transaction: tx, type: QueryTypes.SELECT },
    );
    if (row?.acquired) return;
    const remaining = deadline - deps.clock.now();
    if (remaining <= 0) throw lockTimeout(key, timeoutMs);
    await deps.clock.sleep(Math.min(delay, remaining));
  }
}

async function withMariadbLock<T>(
  deps: AdvisoryLockDeps,
  tx: Transaction,
  key: AdvisoryLockKey,
  fn: () => Promise<T>,
  timeoutMs?: number,
): Promise<T> {
  const name = mariadbLockName(deps.sequelize.config.database, key);
  const [row] = await deps.sequelize.query<{ acquired: number | null }>(
    'SELECT GET_LOCK($1, $2) AS acquired',
    {
      bind: [name, timeoutMs === undefined ? GET_LOCK_FOREVER_S : timeoutMs / 1000],
      transaction: tx,
      type: QueryTypes.SELECT,
    },
  );
  if (Number(row?.acquired) !== 1) throw lockTimeout(key, timeoutMs);
  let failed = true;
  try {
    const result = await fn();
    failed = false;
    return result;
  } finally {
    await deps.sequelize
      .query('SELECT RELEASE_LOCK($1)', { bind: [name], transaction: tx })
      .catch((error: unknown) => {
        if (!failed) throw error;
        deps.logger.warn(
          { key: String(key), err: loggable(error) },
          'Releasing an advisory lock failed; it ends with the session',
        );
      });
  }
}

/**
 * Runs `fn` holding an advisory lock on `key`, inside a transaction (joined when one is open,
 * so `fn`'s queries run in it). PostgreSQL: `pg_advisory_xact_lock`, released by the server when
 * that transaction ends (so also on a crash, and safe behind PgBouncer); with `timeoutMs` it
 * polls `pg_try_advisory_xact_lock` instead, so a timeout never aborts the transaction.
 * MariaDB/MySQL: `GET_LOCK` on the transaction's connection, scoped to the database, released
 * right after `fn`. A lock not taken in time throws a `LOCK_TIMEOUT` error.
 */
export async function withAdvisoryLockOn<T>(
  deps: AdvisoryLockDeps,
  key: AdvisoryLockKey,
  fn: () => Promise<T>,
  options: AdvisoryLockOptions = {},
): Promise<T> {
  const { timeoutMs } = options;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs >= 0)) {
    throw new ValidationError([
      { path: 'timeoutMs', rule: 'integer', message: 'timeoutMs must be a non-negative integer' },
    ]);
  }
  if (deps.dialect === 'postgres') postgresLockKey(key);
  return deps.transaction(
    async (tx) => {
      if (deps.dialect !== 'postgres') return withMariadbLock(deps, tx, key, fn, timeoutMs);
      await lockPostgres(deps, tx, key, timeoutMs);
      return fn();
    },
    { propagation: 'required' },
  );
}
