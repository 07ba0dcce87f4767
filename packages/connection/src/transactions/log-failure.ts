import type { Logger } from '../logging.js';

const LOGGED = new WeakSet<object>();

/** Where in the transaction tree a failure was rolled back. */
export interface FailureScope {
  transactionId: string;
  depth: number;
  savepoint?: string | undefined;
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
    { ...scope, code: typeof code === 'string' ? code : undefined, err: error },
    scope.savepoint ? 'Savepoint rolled back after an error' : 'Transaction rolled back after an error',
  );
  return error;
}
