import type { DalkitError } from './dalkit-error.js';
import { describeViolation } from './describe-violation.js';
import {
  type ConstraintViolation,
  ConstraintViolationError,
  QueryError,
  TimeoutError,
  TransientError,
  type TransientReason,
} from './errors.js';

/** The fields of a mysql2 / mariadb driver error that the converter reads. */
export interface MariadbDriverError {
  errno: number;
  code?: string;
  sqlState?: string;
  message?: string;
  sqlMessage?: string;
}

/** True when `error` looks like a MariaDB/MySQL server error: a positive `errno` (Node's own are negative). */
export function isMariadbDriverError(error: unknown): error is MariadbDriverError {
  if (typeof error !== 'object' || error === null) return false;
  const { errno } = error as { errno?: unknown };
  return typeof errno === 'number' && errno > 0;
}

/** What the caller knows beyond the driver error: the SQL's target table and the key's columns. */
export interface MariadbErrorContext {
  table?: string;
  uniqueColumns?: readonly string[];
}

const TRANSIENT_BY_ERRNO: Readonly<Record<number, { reason: TransientReason; what: string }>> = {
  1213: { reason: 'deadlock', what: 'Deadlock found' },
  1205: { reason: 'lock_timeout', what: 'Lock wait timeout exceeded' },
  1040: { reason: 'unavailable', what: 'Too many connections' },
  1053: { reason: 'unavailable', what: 'The server is shutting down' },
  1927: { reason: 'connection', what: 'The connection was killed' },
  2006: { reason: 'connection', what: 'The server has gone away' },
  2013: { reason: 'connection', what: 'The connection was lost during the query' },
  4031: { reason: 'connection', what: 'The connection was closed for inactivity' },
};

/** ER_STATEMENT_TIMEOUT (MariaDB max_statement_time) and ER_QUERY_TIMEOUT (MySQL max_execution_time). */
const TIMEOUT_ERRNOS = new Set([1969, 3024]);

/** Error numbers whose message names only identifiers, never values. */
const MESSAGE_IS_SAFE = new Set([1146, 1054, 1050, 1049, 1044, 1142, 1305]);

const backticked = (name: string | undefined) => name?.replace(/^[`'"]|[`'"]$/g, '');
const columnList = (list: string | undefined) =>
  list ? list.split(',').map((column) => backticked(column.trim()) ?? '') : [];

/** Names found in the message of a constraint error; values in it (ER_DUP_ENTRY) are skipped. */
function violationOf(
  driver: MariadbDriverError,
  context: MariadbErrorContext,
): ConstraintViolation | undefined {
  const text = driver.sqlMessage ?? driver.message ?? '';
  switch (driver.errno) {
    case 1062: {
      const key = text
        .match(/ for key '(.+)'$/)?.[1]
        ?.split('.')
        .pop();
      return { kind: 'unique', constraint: key, table: context.table, columns: context.uniqueColumns ?? [] };
    }
    case 1451:
    case 1452: {
      const fk = text.match(/\(`[^`]*`\.`([^`]+)`, CONSTRAINT `([^`]+)` FOREIGN KEY \(([^)]*)\)/);
      return { kind: 'foreign_key', table: fk?.[1], constraint: fk?.[2], columns: columnList(fk?.[3]) };
    }
    case 1048:
    case 1364: {
      const column = text.match(/^(?:Column|Field) '([^']+)'/)?.[1];
      return { kind: 'not_null', table: context.table, columns: column ? [column] : [] };
    }
    case 4025: {
      const check = text.match(/CONSTRAINT `([^`]+)` failed for `[^`]*`\.`([^`]+)`/);
      return { kind: 'check', constraint: check?.[1], table: check?.[2] ?? context.table, columns: [] };
    }
    case 3819:
      return {
        kind: 'check',
        constraint: text.match(/constraint '([^']+)'/)?.[1],
        table: context.table,
        columns: [],
      };
    default:
      return undefined;
  }
}

/**
 * Converts a MariaDB/MySQL server error (from mysql2 or mariadb, possibly wrapped by Sequelize)
 * into the dalkit error for its error number. Messages never repeat row values.
 */
export function convertMariadbError(
  driver: MariadbDriverError,
  cause: unknown,
  context: MariadbErrorContext = {},
): DalkitError {
  const sqlState = String(driver.errno);
  const violation = violationOf(driver, context);
  if (violation) {
    return new ConstraintViolationError(violation, describeViolation(violation), {
      cause,
      details: { sqlState },
    });
  }
  const transient = TRANSIENT_BY_ERRNO[driver.errno];
  if (transient) {
    return new TransientError(
      transient.reason,
      `${transient.what} (error ${sqlState}); retrying may succeed`,
      {
        cause,
        details: { sqlState },
      },
    );
  }
  if (TIMEOUT_ERRNOS.has(driver.errno)) {
    return new TimeoutError(`The statement was interrupted: statement timeout exceeded (error ${sqlState})`, {
      cause,
      details: { sqlState },
    });
  }
  const text = driver.sqlMessage ?? driver.message;
  const said = MESSAGE_IS_SAFE.has(driver.errno) && text ? `: ${text}` : '';
  return new QueryError(
    `Query failed with error ${sqlState}${driver.code ? ` (${driver.code})` : ''}${said}`,
    {
      cause,
      sqlState,
    },
  );
}
