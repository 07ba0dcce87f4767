import { isDalkitError } from '../errors/dalkit-error.js';
import { mapDatabaseError } from '../errors/map-database-error.js';
import type { Logger } from '../logging.js';

const LOGGED = new WeakSet<object>();

/** Where in the transaction tree a failure was rolled back. */
export interface FailureScope {
  transactionId: string;
  depth: number;
  savepoint?: string | undefined;
}

/**
 * What to log for an error: database errors as their dalkit form (name, code, message, safe
 * details), because a driver's own message or the SQL in its cause may carry row values; any
 * other error as it is.
 */
export function loggable(error: unknown): unknown {
  const mapped = mapDatabaseError(error);
  return isDalkitError(mapped) ? mapped.toJSON() : error;
}

/**
 * Logs a rolled-back failure once, however many levels of savepoints it travels through, with
 * the transaction id. Returns the error, to be rethrown.
 */
export function logRollback<E>(logger: Logger, error: E, scope: FailureScope): E {
  if (typeof error === 'object' && error !== null) {
    if (LOGGED.has(error)) return error;
    LOGGED.add(error);
  }
  const code = (error as { code?: unknown } | null)?.code;
  logger.warn(
    { ...scope, code: typeof code === 'string' ? code : undefined, err: loggable(error) },
    scope.savepoint ? 'Savepoint rolled back after an error' : 'Transaction rolled back after an error',
  );
  return error;
}
