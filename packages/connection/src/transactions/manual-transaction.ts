import type { Transaction } from 'sequelize';
import { TransactionStateError } from '../errors/errors.js';
import { beginTransaction } from './begin-transaction.js';
import { createFrame } from './context.js';
import { type OuterTransactionDeps, rollbackAfter, rootStateOf } from './outer-transaction.js';
import { runInSavepoint } from './savepoint.js';
import type { ManualTransaction, TransactionOptions } from './types.js';

type ManualState = 'active' | 'committed' | 'rolled back' | 'failed to commit';

/**
 * Opens a transaction that the caller ends with `commit()` or `rollback()`. Queries join it
 * when given `{ transaction }` or run inside `run(fn)` / `savepoint(fn)`. A second commit, a
 * rollback after commit, or any use after the end throws {@link TransactionStateError}; a
 * rollback after a failed commit is a no-op (the server already rolled it back).
 */
export async function beginManualTransaction(
  deps: OuterTransactionDeps,
  settings: Omit<TransactionOptions, 'propagation' | 'retry'>,
): Promise<ManualTransaction> {
  const open = await beginTransaction(deps.context.sequelize, deps.dialect, settings, deps.logger);
  const root = rootStateOf(open, settings);
  const frame = createFrame(root);
  let state: ManualState = 'active';
  const assertActive = (action: string) => {
    if (state !== 'active') {
      throw new TransactionStateError(
        `Cannot ${action} transaction ${root.id}: it has already ${state === 'failed to commit' ? 'failed to commit' : `been ${state}`}`,
        {
          details: { transactionId: root.id, state },
        },
      );
    }
  };
  const end = (next: ManualState) => {
    state = next;
    frame.active = false;
  };
  return Object.freeze({
    transaction: open.transaction,
    async commit() {
      assertActive('commit');
      if (root.doomed) {
        end('rolled back');
        await rollbackAfter(open, deps.logger);
        throw root.doomed;
      }
      end('committed');
      try {
        await open.commit();
      } catch (error) {
        state = 'failed to commit';
        await rollbackAfter(open, deps.logger);
        throw error;
      }
    },
    async rollback() {
      if (state === 'failed to commit') return;
      assertActive('roll back');
      end('rolled back');
      await open.rollback();
    },
    async savepoint<T>(fn: (tx: Transaction) => Promise<T>) {
      assertActive('open a savepoint in');
      return runInSavepoint(deps.context, frame, fn, deps.logger);
    },
    async run<T>(fn: (tx: Transaction) => Promise<T>) {
      assertActive('run a callback in');
      return deps.context.storage.run(frame, () => fn(open.transaction));
    },
  });
}
