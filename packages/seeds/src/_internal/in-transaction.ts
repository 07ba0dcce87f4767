import type { Transaction } from 'sequelize';
import type { SeedDatabase } from '../types.js';

/** Runs `fn` in a transaction of the handle (so dalkit's implicit joining works), else of Sequelize. */
export function inTransaction<T>(db: SeedDatabase, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction ? db.transaction(fn) : db.sequelize.transaction(fn);
}
