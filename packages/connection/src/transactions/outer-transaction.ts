import type { Transaction } from 'sequelize';
import { mapDatabaseError } from '../errors/map-database-error.js';
import type { Logger } from '../logging.js';
import { type BeginSettings, beginTransaction, type OpenTransaction } from './begin-transaction.js';
import {
  createFrame,
  type RootTransactionState,
  type TransactionContext,
  transactionIdOf,
} from './context.js';
import type { TransactionDialect } from './dialect-rules.js';
import { isRetryableTransient } from './implicit-transaction.js';
import { loggable, logRollback } from './log-failure.js';

/** What an outermost transaction needs besides its callback. */
export interface OuterTransactionDeps {
  context: TransactionContext;
  dialect: TransactionDialect;
  logger: Logger;
}

/** The shared state of a new transaction tree over `open`. */
export function rootStateOf(open: OpenTransaction, settings: BeginSettings): RootTransactionState {
  return {
    transaction: open.transaction,
    id: transactionIdOf(open.transaction),
    isolationLevel: settings.isolationLevel,
    readOnly: settings.readOnly ?? false,
    savepointCount: 0,
    doomed: undefined,
  };
}

/** Rolls back after a failure; a failing rollback is logged, never allowed to hide the failure. */
export async function rollbackAfter(open: OpenTransaction, logger: Logger): Promise<void> {
  if ((open.transaction as { finished?: string }).finished) return;
  await open.rollback().catch((rollbackError: unknown) => {
    logger.warn(
      { transactionId: transactionIdOf(open.transaction), err: loggable(rollbackError) },
      'Rollback failed; the connection was discarded',
    );
  });
}

/**
 * One attempt of an outermost transaction: opens it on a pooled connection, runs `fn` with it as
 * the implicit transaction of `fn`'s async context, and commits. When `fn` throws (or the
 * transaction was doomed by a deadlock it caught), rolls back and rethrows the mapped error,
 * logged once with the transaction id. The context stops exposing the transaction as soon as
 * `fn` settles.
 */
export async function runOuterTransaction<T>(
  deps: OuterTransactionDeps,
  settings: BeginSettings,
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const open = await beginTransaction(deps.context.sequelize, deps.dialect, settings, deps.logger);
  const root = rootStateOf(open, settings);
  const frame = createFrame(root);
  let result: T;
  try {
    result = await deps.context.storage.run(frame, () => fn(open.transaction));
    if (root.doomed) throw root.doomed;
  } catch (error) {
    frame.active = false;
    await rollbackAfter(open, deps.logger);
    const mapped = isRetryableTransient(root.doomed) ? root.doomed : mapDatabaseError(error);
    throw logRollback(deps.logger, mapped, { transactionId: root.id, depth: 0 });
  }
  frame.active = false;
  try {
    await open.commit();
  } catch (error) {
    await rollbackAfter(open, deps.logger);
    throw logRollback(deps.logger, error, { transactionId: root.id, depth: 0 });
  }
  return result;
}
