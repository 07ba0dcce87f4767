import type { Transaction } from 'sequelize';
import { TransactionStateError } from '../errors/errors.js';
import { mapDatabaseError } from '../errors/map-database-error.js';
import type { Logger } from '../logging.js';
import { createFrame, type TransactionContext, type TransactionFrame } from './context.js';
import { logRollback } from './log-failure.js';

/** Waits for earlier sibling savepoints of `parent` to finish; returns the function that lets the next one in. */
async function takeTurn(parent: TransactionFrame): Promise<() => void> {
  const previous = parent.children;
  let release = () => {};
  parent.children = new Promise<void>((resolve) => {
    release = resolve;
  });
  await previous;
  return release;
}

/**
 * Runs `fn` inside a SAVEPOINT of `parent`'s transaction: released when `fn` resolves, rolled
 * back to (undoing only `fn`'s work) when it throws, and the mapped error rethrown. Names are
 * unique within the transaction (`dalkit_sp_<depth>_<n>`), so any depth works. Sibling
 * savepoints started concurrently run one after another. Never retried: a deadlock or
 * serialization failure dooms the whole transaction, which its outermost level retries.
 */
export async function runInSavepoint<T>(
  context: TransactionContext,
  parent: TransactionFrame,
  fn: (tx: Transaction) => Promise<T>,
  logger: Logger,
): Promise<T> {
  const release = await takeTurn(parent);
  try {
    const { root } = parent;
    if (!parent.active) {
      throw new TransactionStateError(`Transaction ${root.id} ended before this savepoint could start`);
    }
    if (root.doomed) throw root.doomed;
    const name = `dalkit_sp_${parent.depth + 1}_${++root.savepointCount}`;
    const statement = (sql: string) => context.sequelize.query(sql, { transaction: root.transaction });
    await statement(`SAVEPOINT ${name}`).catch((error: unknown) => Promise.reject(mapDatabaseError(error)));
    const frame = createFrame(root, parent, name);
    try {
      const result = await context.storage.run(frame, () => fn(root.transaction));
      if (root.doomed) throw root.doomed;
      frame.active = false;
      await statement(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      frame.active = false;
      const mapped = mapDatabaseError(error);
      if (!root.doomed) {
        await statement(`ROLLBACK TO SAVEPOINT ${name}`).catch((rollbackError: unknown) => {
          root.doomed = new TransactionStateError(
            `Rolling back savepoint ${name} failed; transaction ${root.id} can only roll back`,
            { cause: mapDatabaseError(rollbackError) },
          );
        });
      }
      throw logRollback(logger, mapped, { transactionId: root.id, depth: frame.depth, savepoint: name });
    }
  } finally {
    release();
  }
}
