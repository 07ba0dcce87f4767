import type { Sequelize, Transaction } from 'sequelize';
import { silentLogger } from '../logging.js';
import { createTransactionManager } from './create-transaction-manager.js';
import type { TransactionDialect } from './dialect-rules.js';
import type { TransactionManager, TransactionOptions } from './types.js';

const MANAGERS = new WeakMap<Sequelize, TransactionManager>();

/** The transaction manager of a bare Sequelize instance, created (silent) on first use. */
export function transactionManagerOf(sequelize: Sequelize): TransactionManager {
  let manager = MANAGERS.get(sequelize);
  if (!manager) {
    const dialect = sequelize.getDialect() as TransactionDialect;
    manager = createTransactionManager(sequelize, { logger: silentLogger, dialect });
    MANAGERS.set(sequelize, manager);
  }
  return manager;
}

/**
 * `db.transaction(fn, options)` for code that holds a Sequelize instance rather than a dalkit
 * database handle. It shares the handle's async context: the two nest inside each other.
 * @example await withTransaction(sequelize, async () => { await Order.create(order); await Stock.decrement(...) })
 */
export function withTransaction<T>(
  sequelize: Sequelize,
  fn: (tx: Transaction) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> {
  return transactionManagerOf(sequelize).transaction(fn, options);
}
