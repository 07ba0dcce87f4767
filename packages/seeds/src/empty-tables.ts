import { OperationRefusedError } from '@dalkit/connection';
import type { Sequelize, Transaction } from 'sequelize';
import { dialectFamily, parseTableName, quoteTable } from './_internal/identifiers.js';

/** A table to empty and the seed it belongs to (for error messages). */
export interface SeededTable {
  table: string;
  seed: string;
}

/** Refuses when a seed claims one of the protected tables (history and migration tables). */
export function assertNotProtected(tables: readonly SeededTable[], protectedTables: readonly string[]): void {
  const guarded = new Set(protectedTables.map((t) => t.toLowerCase()));
  for (const { table, seed } of tables) {
    const bare = parseTableName(table, `${seed}.tables`).table.toLowerCase();
    if (guarded.has(bare) || guarded.has(table.toLowerCase())) {
      throw new OperationRefusedError(
        `Refusing to reset: seed "${seed}" lists table "${table}", which holds migration or seed history and is never emptied. Remove it from the seed's tables.`,
        { details: { seed, table, reason: 'protected_table' } },
      );
    }
  }
}

/**
 * Empties tables with DELETE, in the order given (dependents first), inside `transaction`:
 * foreign keys from other tables are honoured and a failure leaves every table as it was.
 */
export async function emptyTables(
  sequelize: Sequelize,
  tables: readonly string[],
  transaction: Transaction,
): Promise<void> {
  const dialect = dialectFamily(sequelize.getDialect());
  for (const table of tables) {
    await sequelize.query(`DELETE FROM ${quoteTable(parseTableName(table), dialect)}`, {
      transaction,
      logging: false,
    });
  }
}
