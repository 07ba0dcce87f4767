import type { Sequelize } from 'sequelize';
import type { Logger } from '../logging.js';
import type { TransactionManager } from './types.js';

/** What the transaction manager needs from its database handle. */
export interface TransactionManagerDeps {
  logger: Logger;
  dialect: 'postgres' | 'mariadb' | 'mysql';
}

/**
 * Builds the transaction API of a database handle over its Sequelize instance.
 * PROVISIONAL: a plain `sequelize.transaction` wrapper, replaced by the transactions work (issue 4).
 */
export function createTransactionManager(
  sequelize: Sequelize,
  _deps: TransactionManagerDeps,
): TransactionManager {
  return {
    transaction: (fn) => sequelize.transaction((tx) => fn(tx)),
    currentTransaction: () => undefined,
    begin: async () => {
      const transaction = await sequelize.transaction();
      return {
        transaction,
        commit: () => transaction.commit(),
        rollback: () => transaction.rollback(),
        savepoint: (fn) => sequelize.transaction({ transaction }, (tx) => fn(tx)),
      };
    },
  };
}
