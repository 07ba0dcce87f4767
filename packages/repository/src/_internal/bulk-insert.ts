import type { Transaction } from 'sequelize';
import type { Executor } from './executor.js';
import type { AttributeMeta, ModelMeta } from './model-meta.js';
import { SqlBuilder } from './sql-builder.js';

/** PostgreSQL and MariaDB refuse statements with more bind parameters than this. */
export const MAX_BIND_PARAMETERS = 65_535;
/** Rows per unnest() statement on PostgreSQL (one array parameter per column, any row count). */
const PG_BATCH_ROWS = 10_000;

/** Column → SQL type name on PostgreSQL, read once per table, for the `unnest($1::type[])` casts. */
async function pgColumnTypes(
  executor: Executor,
  meta: ModelMeta,
  tx: Transaction | undefined,
): Promise<Map<string, string>> {
  const sql = new SqlBuilder('postgres');
  const table = meta.schema ? `${meta.schema}.${meta.table}` : meta.table;
  const text =
    'SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a ' +
    `WHERE a.attrelid = to_regclass(${sql.param(`"${table.replace(/\./g, '"."')}"`)}) AND a.attnum > 0 AND NOT a.attisdropped`;
  const { rows } = await executor.run(text, sql.params, { transaction: tx, kind: 'select' });
  return new Map(rows.map((r) => [String(r.name), String(r.type)]));
}

/** Inserts prepared rows in batches; returns how many were written. Never more than 65,535 parameters per statement. */
export class BulkInserter {
  private types: Promise<Map<string, string>> | undefined;
  constructor(
    private readonly executor: Executor,
    private readonly meta: ModelMeta,
  ) {}

  async insert(
    columns: readonly AttributeMeta[],
    rows: readonly unknown[][],
    tx: Transaction | undefined,
  ): Promise<number> {
    if (rows.length === 0 || columns.length === 0) return 0;
    return this.executor.dialect === 'postgres'
      ? this.insertUnnest(columns, rows, tx)
      : this.insertValues(columns, rows, tx);
  }

  private async insertUnnest(
    columns: readonly AttributeMeta[],
    rows: readonly unknown[][],
    tx: Transaction | undefined,
  ): Promise<number> {
    this.types ??= pgColumnTypes(this.executor, this.meta, tx);
    const types = await this.types;
    let written = 0;
    for (let start = 0; start < rows.length; start += PG_BATCH_ROWS) {
      const batch = rows.slice(start, start + PG_BATCH_ROWS);
      const sql = new SqlBuilder('postgres');
      const arrays = columns.map((column, c) => {
        const type = types.get(column.column) ?? 'text';
        return `${sql.param(batch.map((row) => row[c]))}::${type}[]`;
      });
      const text =
        `INSERT INTO ${sql.table(this.meta.table, this.meta.schema)} (${columns.map((c) => sql.id(c.column)).join(', ')}) ` +
        `SELECT * FROM unnest(${arrays.join(', ')})`;
      written += (await this.executor.run(text, sql.params, { transaction: tx, kind: 'update' })).rowCount;
    }
    return written;
  }

  private async insertValues(
    columns: readonly AttributeMeta[],
    rows: readonly unknown[][],
    tx: Transaction | undefined,
  ): Promise<number> {
    const perStatement = Math.max(1, Math.min(1000, Math.floor(MAX_BIND_PARAMETERS / columns.length)));
    let written = 0;
    for (let start = 0; start < rows.length; start += perStatement) {
      const batch = rows.slice(start, start + perStatement);
      const sql = new SqlBuilder(this.executor.dialect);
      const tuples = batch.map((row) => `(${row.map((v) => sql.param(v)).join(', ')})`);
      const text = `INSERT INTO ${sql.table(this.meta.table, this.meta.schema)} (${columns.map((c) => sql.id(c.column)).join(', ')}) VALUES ${tuples.join(', ')}`;
      written += (await this.executor.run(text, sql.params, { transaction: tx, kind: 'update' })).rowCount;
    }
    return written;
  }
}
