import type { DalkitError } from './dalkit-error.js';
import { describeViolation } from './describe-violation.js';
import {
  type ConstraintKind,
  ConstraintViolationError,
  QueryError,
  TimeoutError,
  TransientError,
  type TransientReason,
} from './errors.js';

/** The fields of a `pg` DatabaseError that the converter reads (all optional). */
export interface PostgresDriverError {
  code?: string;
  message?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** True when `error` looks like a PostgreSQL server error: a five-character SQLSTATE `code`. */
export function isPostgresDriverError(error: unknown): error is PostgresDriverError {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return typeof code === 'string' && SQLSTATE.test(code) && errno === undefined;
}

const CONSTRAINT_KIND_BY_SQLSTATE: Readonly<Record<string, ConstraintKind>> = {
  '23505': 'unique',
  '23503': 'foreign_key',
  // PostgreSQL 18 reports ON DELETE/UPDATE RESTRICT refusals as restrict_violation.
  '23001': 'foreign_key',
  '23514': 'check',
  '23502': 'not_null',
  '23P01': 'exclusion',
};

const TRANSIENT_BY_SQLSTATE: Readonly<Record<string, { reason: TransientReason; what: string }>> = {
  '40001': { reason: 'serialization', what: 'Serialization failure' },
  '40P01': { reason: 'deadlock', what: 'Deadlock detected' },
  '55P03': { reason: 'lock_timeout', what: 'Lock not available (lock timeout or NOWAIT)' },
  '57P01': { reason: 'connection', what: 'The server terminated the connection (administrator command)' },
  '57P02': { reason: 'connection', what: 'The server terminated the connection (crash shutdown)' },
  '57P03': { reason: 'unavailable', what: 'The server cannot accept connections now' },
  '53300': { reason: 'unavailable', what: 'Too many connections' },
};

/**
 * SQLSTATEs whose server message names only identifiers (never row values), so it is safe
 * to repeat in a dalkit message.
 */
const MESSAGE_IS_SAFE = new Set([
  '42P01',
  '42703',
  '42883',
  '42P07',
  '42704',
  '42501',
  '3D000',
  '3F000',
  '42P06',
]);

/** `Key (a, b)=(…)` in a constraint error's detail → `['a', 'b']`; the values are never read. */
function columnsFromDetail(detail: string | undefined): string[] {
  const match = detail?.match(/^Key \((.+?)\)=\(/);
  if (!match?.[1]) return [];
  return match[1].split(', ').map((column) => column.replace(/^"(.*)"$/, '$1'));
}

/**
 * Converts a PostgreSQL server error (from `pg`, possibly wrapped by Sequelize) into the dalkit
 * error for its SQLSTATE. Messages carry constraint, table and column names, never values.
 */
export function convertPostgresError(driver: PostgresDriverError, cause: unknown): DalkitError {
  const sqlState = driver.code ?? '';
  const kind = CONSTRAINT_KIND_BY_SQLSTATE[sqlState];
  if (kind) {
    const columns = driver.column ? [driver.column] : columnsFromDetail(driver.detail);
    const violation = { kind, constraint: driver.constraint, table: driver.table, columns };
    return new ConstraintViolationError(violation, describeViolation(violation), {
      cause,
      details: { sqlState },
    });
  }
  const transient = TRANSIENT_BY_SQLSTATE[sqlState];
  if (transient || sqlState.startsWith('08')) {
    const { reason, what } = transient ?? { reason: 'connection' as const, what: 'Connection failure' };
    return new TransientError(reason, `${what} (SQLSTATE ${sqlState}); retrying may succeed`, {
      cause,
      details: { sqlState },
    });
  }
  if (sqlState === '57014') {
    return new TimeoutError(
      `The statement was cancelled: statement timeout exceeded (SQLSTATE ${sqlState})`,
      {
        cause,
        details: { sqlState },
      },
    );
  }
  const said = MESSAGE_IS_SAFE.has(sqlState) && driver.message ? `: ${driver.message}` : '';
  return new QueryError(`Query failed with SQLSTATE ${sqlState}${said}`, { cause, sqlState });
}
