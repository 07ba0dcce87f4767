import type { Sequelize } from 'sequelize';
import type { TransactionManager } from './types.js';

const MANAGERS = new WeakMap<Sequelize, TransactionManager>();

/** Remembers the first transaction manager built for `sequelize` (the database handle's, normally). */
export function rememberManager(sequelize: Sequelize, manager: TransactionManager): void {
  if (!MANAGERS.has(sequelize)) MANAGERS.set(sequelize, manager);
}

/** The transaction manager remembered for `sequelize`, if any. */
export function rememberedManager(sequelize: Sequelize): TransactionManager | undefined {
  return MANAGERS.get(sequelize);
}
