import type { Sequelize, Transaction } from 'sequelize';
import { mapDatabaseError } from '../errors/map-database-error.js';
import type { Logger } from '../logging.js';
import { type RetryClock, systemClock } from '../retry.js';
import { withAdvisoryLockOn } from './advisory-lock.js';
import { activeFrame, contextOf } from './context.js';
import { assertTransactionOptions, type TransactionDialect } from './dialect-rules.js';
import { installImplicitTransactions } from './implicit-transaction.js';
import { assertJoinable, assertSecondConnectionPossible } from './join-rules.js';
import { rememberManager } from './manager-registry.js';
import { beginManualTransaction } from './manual-transaction.js';
import { type OuterTransactionDeps, runOuterTransaction } from './outer-transaction.js';
import { retryTransaction } from './retry-transaction.js';
import { enableSkipLocked } from './row-lock.js';
import { runInSavepoint } from './savepoint.js';
import type { TransactionManager, TransactionOptions } from './types.js';

/** What the transaction manager needs from its database handle. */
export interface TransactionManagerDeps {
  logger: Logger;
  dialect: TransactionDialect;
  /** Time and randomness for retry backoff and lock polling; tests inject a clock that never waits. */
  clock?: Partial<RetryClock>;
}

/**
 * Builds the transaction API of a database handle over its Sequelize instance: `transaction(fn)`
 * with propagation, isolation, read-only, timeouts and retry; implicit propagation of the current
 * transaction to every query on this instance (AsyncLocalStorage, never Sequelize's global CLS);
 * `currentTransaction()`, manual `begin()` and `withAdvisoryLock()`.
 */
export function createTransactionManager(
  sequelize: Sequelize,
  deps: TransactionManagerDeps,
): TransactionManager {
  const context = contextOf(sequelize);
  installImplicitTransactions(context);
  if (deps.dialect !== 'postgres') enableSkipLocked(sequelize);
  const clock = { ...systemClock, ...deps.clock };
  const outer: OuterTransactionDeps = { context, dialect: deps.dialect, logger: deps.logger };

  async function transaction<T>(
    fn: (tx: Transaction) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    assertTransactionOptions(deps.dialect, options);
    const propagation = options.propagation ?? 'nested';
    const frame = activeFrame(context);
    if (frame && propagation !== 'requiresNew') {
      assertJoinable(frame, options, propagation);
      if (propagation === 'nested') return runInSavepoint(context, frame, fn, deps.logger);
      try {
        return await fn(frame.root.transaction);
      } catch (error) {
        throw mapDatabaseError(error);
      }
    }
    assertSecondConnectionPossible(sequelize, frame, 'A "requiresNew" transaction');
    const settings = {
      isolationLevel: options.isolationLevel,
      readOnly: options.readOnly,
      timeoutMs: options.timeoutMs,
    };
    return retryTransaction(() => runOuterTransaction(outer, settings, fn), options.retry, {
      clock,
      logger: deps.logger,
    });
  }

  const manager: TransactionManager = {
    transaction,
    currentTransaction: () => activeFrame(context)?.root.transaction,
    async begin(options = {}) {
      assertTransactionOptions(deps.dialect, options);
      assertSecondConnectionPossible(sequelize, activeFrame(context), 'begin()');
      return beginManualTransaction(outer, options);
    },
    withAdvisoryLock: (key, fn, options) =>
      withAdvisoryLockOn(
        { sequelize, dialect: deps.dialect, logger: deps.logger, clock, transaction },
        key,
        fn,
        options,
      ),
  };
  const frozen = Object.freeze(manager);
  rememberManager(sequelize, frozen);
  return frozen;
}
