import { type DalkitError, isDalkitError } from './dalkit-error.js';
import {
  ConflictError,
  ConnectionError,
  QueryError,
  TimeoutError,
  TransientError,
  ValidationError,
  type ValidationIssue,
} from './errors.js';
import { convertMariadbError, isMariadbDriverError } from './mariadb-error-converter.js';
import { convertPostgresError, isPostgresDriverError } from './postgres-error-converter.js';

type ErrorLike = Error & Record<string, unknown>;

interface SequelizeValidationItem {
  message?: string;
  path?: string | null;
  validatorKey?: string | null;
  type?: string | null;
}

/** Sequelize errors raised while opening a connection (not while a query runs on one). */
const CONNECT_ERRORS = new Set([
  'SequelizeConnectionError',
  'SequelizeConnectionRefusedError',
  'SequelizeAccessDeniedError',
  'SequelizeHostNotFoundError',
  'SequelizeHostNotReachableError',
  'SequelizeInvalidConnectionError',
  'SequelizeConnectionTimedOutError',
]);

/** Node and driver codes of a connection that dropped under a query. */
const CONNECTION_LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'PROTOCOL_CONNECTION_LOST']);
const CONNECTION_LOST_MESSAGE =
  /Connection terminated|not queryable|connection is closed|Can't add new command when connection is in closed state/i;

const isErrorLike = (value: unknown): value is ErrorLike => value instanceof Error;

function issuesOf(items: unknown, prefix = ''): ValidationIssue[] {
  if (!Array.isArray(items)) return [];
  return items.map((item: SequelizeValidationItem) => ({
    path: `${prefix}${item.path ?? ''}`,
    rule: item.validatorKey ?? item.type ?? 'invalid',
    message: item.message ?? 'is invalid',
  }));
}

/** `bulkCreate` with validation throws one aggregate holding a ValidationError per record. */
function bulkIssuesOf(error: ErrorLike): ValidationIssue[] | undefined {
  const records = error.errors;
  if (!Array.isArray(records) || records.length === 0) return undefined;
  if (!records.every((r) => isErrorLike(r) && r.name === 'SequelizeBulkRecordError')) return undefined;
  return records.flatMap((record: ErrorLike, index) =>
    issuesOf((record.errors as ErrorLike | undefined)?.errors, `[${index}].`),
  );
}

/** The table an INSERT/UPDATE/REPLACE statement writes to (identifiers only). */
function tableOfStatement(sql: unknown): string | undefined {
  if (typeof sql !== 'string') return undefined;
  const match = sql.match(
    /^\s*(?:INSERT\s+(?:IGNORE\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+IGNORE)?)\s+(?:[`"]?[\w$]+[`"]?\.)?[`"]?([\w$]+)[`"]?/i,
  );
  return match?.[1];
}

/** The unique key's columns as Sequelize resolved them from the model, when it could. */
function uniqueColumnsOf(error: ErrorLike, constraint: string | undefined): string[] | undefined {
  const fields = error.fields;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return undefined;
  const keys = Object.keys(fields);
  return keys.length === 1 && keys[0] === constraint ? undefined : keys;
}

function fromDriver(driver: unknown, error: ErrorLike, isSequelize: boolean): DalkitError | undefined {
  if (isPostgresDriverError(driver)) return convertPostgresError(driver, error);
  if (isMariadbDriverError(driver)) {
    const key = (driver.sqlMessage ?? driver.message)
      ?.match(/ for key '(.+)'$/)?.[1]
      ?.split('.')
      .pop();
    return convertMariadbError(driver, error, {
      table: tableOfStatement(error.sql ?? (driver as { sql?: unknown }).sql),
      uniqueColumns: uniqueColumnsOf(error, key),
    });
  }
  // A bare ECONNRESET may come from anything (an HTTP call in a transaction): only Sequelize's count.
  if (!isSequelize || !isErrorLike(driver)) return undefined;
  const code = typeof driver.code === 'string' ? driver.code : undefined;
  if ((code && CONNECTION_LOST_CODES.has(code)) || CONNECTION_LOST_MESSAGE.test(driver.message)) {
    return new TransientError('connection', `The database connection was lost${code ? ` (${code})` : ''}`, {
      cause: error,
    });
  }
  return undefined;
}

/**
 * Turns an error thrown by Sequelize, `pg`, mysql2 or mariadb into the dalkit error for it:
 * constraint violations (with constraint, table and columns), transient failures (serialization,
 * deadlock, lock wait, lost connection), timeouts, validation errors with every field, or a
 * {@link QueryError} carrying the SQLSTATE. A dalkit error comes back unchanged; anything that
 * is not a database error (your own exceptions) also comes back unchanged. The original error is
 * always the `cause`; messages never contain row values or secrets.
 * @example
 * try { await User.create(input) } catch (e) { throw mapDatabaseError(e) }
 */
export function mapDatabaseError<E>(error: E): DalkitError | E {
  if (isDalkitError(error) || !isErrorLike(error)) return error;
  const name = error.name;
  if (name === 'SequelizeValidationError') {
    return new ValidationError(issuesOf(error.errors), { cause: error });
  }
  const bulkIssues = name === 'AggregateError' ? bulkIssuesOf(error) : undefined;
  if (bulkIssues) return new ValidationError(bulkIssues, { cause: error });
  if (name === 'SequelizeOptimisticLockError') {
    return new ConflictError('The row was changed by someone else since it was read (stale version)', {
      cause: error,
    });
  }
  if (name === 'SequelizeConnectionAcquireTimeoutError') {
    return new TimeoutError('Timed out waiting for a free connection from the pool', { cause: error });
  }
  const isSequelize = name.startsWith('Sequelize');
  if (CONNECT_ERRORS.has(name)) {
    const code = (error.parent as { code?: unknown } | undefined)?.code;
    return new ConnectionError(
      `Could not connect to the database (${name.replace('Sequelize', '')}${typeof code === 'string' ? `, ${code}` : ''})`,
      { cause: error },
    );
  }
  const driver = error.parent ?? error.original ?? (isSequelize ? undefined : error);
  const mapped = fromDriver(driver, error, isSequelize);
  if (mapped) return mapped;
  if (isSequelize)
    return new QueryError(`${name.replace('Sequelize', '')}: ${error.message}`, { cause: error });
  return error;
}
