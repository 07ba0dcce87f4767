import type { Sequelize, Transaction } from 'sequelize';
import { silentLogger } from '../logging.js';
import { createTransactionManager } from './create-transaction-manager.js';
import type { TransactionDialect } from './dialect-rules.js';
import { rememberedManager } from './manager-registry.js';
import type { TransactionManager, TransactionOptions } from './types.js';

/**
 * The transaction manager of a Sequelize instance: its database handle's (with that handle's
 * logger) when it has one, otherwise one created on first use that logs nothing.
 */
export function transactionManagerOf(sequelize: Sequelize): TransactionManager {
  return (
    rememberedManager(sequelize) ??
    createTransactionManager(sequelize, {
      logger: silentLogger,
      dialect: sequelize.getDialect() as TransactionDialect,
    })
  );
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
