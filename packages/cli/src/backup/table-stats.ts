import { quoteIdentifier } from '../_internal/quote-identifier.js';
import type { SqlRunner } from '../_internal/sql-runner.js';

/** A user table: its schema (PostgreSQL) or database (MariaDB), and name. */
export interface TableRef {
  readonly schema: string;
  readonly name: string;
  /**
   * How manifests and reports name it: `schema.name` on PostgreSQL, `name` on MariaDB (whose
   * "schema" is the database, which a restore may rename).
   */
  readonly key: string;
}

const POSTGRES_TABLES = `
  SELECT table_schema AS "schema", table_name AS "name"
  FROM information_schema.tables
  WHERE table_type = 'BASE TABLE'
    AND table_schema NOT IN ('pg_catalog', 'information_schema')
    AND table_schema NOT LIKE 'pg\\_%'
  ORDER BY table_schema, table_name`;

const MARIADB_TABLES = `
  SELECT table_schema AS \`schema\`, table_name AS \`name\`
  FROM information_schema.tables
  WHERE table_type = 'BASE TABLE' AND table_schema = DATABASE()
  ORDER BY table_name`;

/** The user tables of the connected database, in a stable order. */
export async function listTables(sql: SqlRunner): Promise<TableRef[]> {
  const rows = await sql.select<{ schema: string; name: string }>(
    sql.dialect === 'postgres' ? POSTGRES_TABLES : MARIADB_TABLES,
  );
  const postgres = sql.dialect === 'postgres';
  return rows.map((row) => ({ ...row, key: postgres ? `${row.schema}.${row.name}` : row.name }));
}

/** Exact row counts per table (`schema.name` → count), counted one table at a time. */
export async function countRows(
  sql: SqlRunner,
  tables: readonly TableRef[],
  onTable: (done: number, total: number, table: string) => void = () => {},
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [index, table] of tables.entries()) {
    const qualified = `${quoteIdentifier(table.schema, sql.dialect)}.${quoteIdentifier(table.name, sql.dialect)}`;
    const [row] = await sql.select<{ n: string | number }>(`SELECT count(*) AS n FROM ${qualified}`);
    counts[table.key] = Number(row?.n ?? 0);
    onTable(index + 1, tables.length, table.key);
  }
  return counts;
}
