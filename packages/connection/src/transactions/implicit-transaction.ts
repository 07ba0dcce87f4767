import type { Sequelize, Transaction } from 'sequelize';
import { isDalkitError } from '../errors/dalkit-error.js';
import { TransactionStateError, type TransientError } from '../errors/errors.js';
import { mapDatabaseError } from '../errors/map-database-error.js';
import type { TransactionContext, TransactionFrame } from './context.js';

const INSTALLED = Symbol.for('dalkit.implicitTransactions');

type QueryFn = (sql: unknown, options?: Record<string, unknown>) => Promise<unknown>;
type TransactionFn = (options?: unknown, autoCallback?: unknown) => Promise<unknown>;

/** Failures after which the server has ended (or must end) the whole transaction. */
export function isRetryableTransient(error: unknown): error is TransientError {
  return (
    isDalkitError(error, 'TRANSIENT') &&
    ['serialization', 'deadlock', 'lock_timeout'].includes((error as TransientError).reason)
  );
}

function refuseEnded(frame: TransactionFrame): never {
  const where = frame.savepoint ? `savepoint ${frame.savepoint} of transaction` : 'transaction';
  throw new TransactionStateError(
    `A query ran in the async context of ${where} ${frame.root.id} after it ended; await every query inside the transaction callback`,
    { details: { transactionId: frame.root.id } },
  );
}

/**
 * Marks the transaction doomed when a statement in it failed with a deadlock or serialization
 * failure: MariaDB has already rolled the whole transaction back, and on PostgreSQL only a new
 * attempt can succeed. Lock wait timeouts and NOWAIT failures end only their statement, so a
 * caller may catch them (in a savepoint) and carry on.
 */
function doomOnTransientFailure(frame: TransactionFrame, error: unknown): void {
  if (frame.root.doomed) return;
  const mapped = mapDatabaseError(error);
  if (isRetryableTransient(mapped) && mapped.reason !== 'lock_timeout') frame.root.doomed = mapped;
}

/**
 * Makes every query on `sequelize` join the transaction of the calling async context, the way
 * Sequelize's global `useCLS` would, but for this instance only: `sequelize.query` (which models,
 * query interface and raw queries all go through) gets the current transaction when its options
 * leave `transaction` undefined. An explicit `transaction: null` opts out. Sequelize's own
 * internal transactions (`findOrCreate`) become savepoints of the current one. Idempotent.
 */
export function installImplicitTransactions(context: TransactionContext): void {
  const sequelize = context.sequelize as Sequelize & { [INSTALLED]?: true };
  if (sequelize[INSTALLED]) return;
  const query = sequelize.query.bind(sequelize) as QueryFn;
  const transaction = sequelize.transaction.bind(sequelize) as TransactionFn;

  const implicitQuery: QueryFn = async (sql, options) => {
    const frame = context.storage.getStore();
    if (!frame || options?.transaction !== undefined) return query(sql, options);
    if (!frame.active) refuseEnded(frame);
    if (frame.root.doomed) throw frame.root.doomed;
    try {
      return await query(sql, { ...options, transaction: frame.root.transaction });
    } catch (error) {
      doomOnTransientFailure(frame, error);
      throw error;
    }
  };

  const implicitTransaction: TransactionFn = (options, autoCallback) => {
    const [given, callback] = typeof options === 'function' ? [{}, options] : [options ?? {}, autoCallback];
    const frame = context.storage.getStore();
    if (!frame?.active || (given as { transaction?: unknown }).transaction !== undefined) {
      return transaction(options, autoCallback);
    }
    const parent: Transaction = frame.root.transaction;
    return transaction({ ...(given as object), transaction: parent }, callback);
  };

  Object.assign(sequelize, { query: implicitQuery, transaction: implicitTransaction, [INSTALLED]: true });
}
