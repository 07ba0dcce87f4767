import { ValidationError } from '@dalkit/connection';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { quoteTable, type TableName } from '../_internal/identifiers.js';

const COLUMN_TYPES_SQL = `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
FROM pg_attribute a
WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped`;

/**
 * The SQL type of each column of a PostgreSQL table (`integer`, `character varying(120)`,
 * `timestamp with time zone`, …), as `format_type` spells it, for the casts of `unnest()`.
 * A missing table is a ValidationError naming it.
 */
export async function postgresColumnTypes(
  sequelize: Sequelize,
  table: TableName,
  transaction: Transaction | undefined,
): Promise<Map<string, string>> {
  const rows = await sequelize.query<{ name: string; type: string }>(COLUMN_TYPES_SQL, {
    bind: [quoteTable(table, 'postgres')],
    type: QueryTypes.SELECT,
    transaction,
    logging: false,
  });
  if (rows.length === 0) {
    throw new ValidationError([
      { path: 'table', rule: 'exists', message: `table: ${table.display} does not exist` },
    ]);
  }
  return new Map(rows.map((r) => [r.name, r.type]));
}

/** Throws a ValidationError naming the first column the table does not have. */
export function assertColumnsExist(
  types: ReadonlyMap<string, string>,
  table: TableName,
  columns: readonly string[],
): void {
  const missing = columns.findIndex((c) => !types.has(c));
  if (missing >= 0) {
    throw new ValidationError([
      {
        path: `columns[${missing}]`,
        rule: 'unknownField',
        message: `columns[${missing}]: table ${table.display} has no column ${JSON.stringify(columns[missing])}`,
      },
    ]);
  }
}
