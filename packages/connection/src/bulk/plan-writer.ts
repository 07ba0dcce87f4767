import type { Sequelize } from 'sequelize';
import { ValidationError } from '../errors/errors.js';
import { toArrayLiteral } from './array-literal.js';
import { choosePostgresMethod } from './choose-method.js';
import { postgresColumnTypes, typesOfColumns } from './column-types.js';
import { createCopyEncoder } from './copy-text.js';
import { createCopyWriter } from './copy-writer.js';
import { effectiveTransaction, leasePgConnection } from './postgres-connection.js';
import { createStatementWriter } from './statement-writer.js';
import {
  conflictClause,
  copyFromSql,
  maxRowsPerValuesStatement,
  quoteTable,
  type SqlFamily,
  tableDisplayName,
  unnestInsertSql,
  valuesInsertSql,
} from './statements.js';
import { type BulkInsertOptions, BulkMethod, type BulkRow } from './types.js';
import { dateText, isJsonType } from './value-text.js';
import type { BulkWriter } from './writer.js';

/** Rows per statement (or COPY write) unless `chunkSize` says otherwise. */
export const DEFAULT_CHUNK_SIZE = 5_000;

/** A writer and the method it uses. */
export type PlannedWriter = BulkWriter & { readonly method: Exclude<BulkMethod, 'auto'> };

function rowValues(row: BulkRow, columns: readonly string[]): readonly unknown[] {
  if (Array.isArray(row)) return row;
  const record = row as Readonly<Record<string, unknown>>;
  return columns.map((column) => record[column]);
}

interface WriterContext {
  sequelize: Sequelize;
  options: BulkInsertOptions;
  family: SqlFamily;
  quotedTable: string;
  tail: string;
  onSent(rows: number): void;
}

/**
 * How each column's values are bound in VALUES statements. On PostgreSQL json columns get
 * JSON text and dates UTC ISO text, so that every method stores the same thing; MariaDB's
 * driver converts values itself.
 */
function bindConverters(ctx: WriterContext, types: readonly string[]): ((value: unknown) => unknown)[] {
  return ctx.options.columns.map((column, c) => {
    if (ctx.family !== 'postgres') return (value) => value ?? null;
    if (isJsonType(types[c]))
      return (value) => (value === null || value === undefined ? null : JSON.stringify(value));
    return (value) => (value instanceof Date ? dateText(value, column) : (value ?? null));
  });
}

function valuesWriter(ctx: WriterContext, types: readonly string[] = []): PlannedWriter {
  const { columns, transaction } = ctx.options;
  const convert = bindConverters(ctx, types);
  const sqlByRows = new Map<number, string>();
  const writer = createStatementWriter({
    sequelize: ctx.sequelize,
    transaction,
    batchSize: Math.min(
      ctx.options.chunkSize ?? DEFAULT_CHUNK_SIZE,
      maxRowsPerValuesStatement(columns.length),
    ),
    onSent: ctx.onSent,
    build(rows) {
      let sql = sqlByRows.get(rows.length);
      if (!sql) {
        sql = valuesInsertSql(ctx.quotedTable, columns, rows.length, ctx.family, ctx.tail);
        sqlByRows.set(rows.length, sql);
      }
      const bind: unknown[] = [];
      for (const row of rows) {
        const values = rowValues(row, columns);
        for (let c = 0; c < columns.length; c++)
          bind.push((convert[c] as (value: unknown) => unknown)(values[c]));
      }
      return { sql, bind };
    },
  });
  return { ...writer, method: BulkMethod.VALUES };
}

function unnestWriter(ctx: WriterContext, types: readonly string[]): PlannedWriter {
  const { columns, transaction } = ctx.options;
  const sql = unnestInsertSql(ctx.quotedTable, columns, types, ctx.tail);
  const json = types.map(isJsonType);
  const writer = createStatementWriter({
    sequelize: ctx.sequelize,
    transaction,
    batchSize: ctx.options.chunkSize ?? DEFAULT_CHUNK_SIZE,
    onSent: ctx.onSent,
    build(rows) {
      // One array literal per column: pg would otherwise re-escape every element on its slower path.
      const arrays: unknown[][] = columns.map(() => new Array(rows.length));
      rows.forEach((row, r) => {
        const values = rowValues(row, columns);
        for (let c = 0; c < columns.length; c++) (arrays[c] as unknown[])[r] = values[c];
      });
      return { sql, bind: arrays.map((values, c) => toArrayLiteral(values, columns[c] as string, json[c])) };
    },
  });
  return { ...writer, method: BulkMethod.UNNEST };
}

async function copyWriter(ctx: WriterContext, types: readonly string[]): Promise<PlannedWriter> {
  const { columns } = ctx.options;
  const lease = await leasePgConnection(
    ctx.sequelize,
    effectiveTransaction(ctx.sequelize, ctx.options.transaction),
  );
  const writer = createCopyWriter({
    lease,
    sql: copyFromSql(ctx.quotedTable, columns),
    encode: createCopyEncoder(columns, types),
    batchSize: ctx.options.chunkSize ?? DEFAULT_CHUNK_SIZE,
    onSent: ctx.onSent,
  });
  return { ...writer, method: BulkMethod.COPY };
}

/**
 * Picks the method for this load and opens its writer. On PostgreSQL the table's column types
 * are read first (a missing table or column is a ValidationError naming it): they give the
 * `unnest()` casts and the COPY encoding of json and array columns.
 */
export async function planWriter(
  sequelize: Sequelize,
  options: BulkInsertOptions,
  onSent: (rows: number) => void,
): Promise<PlannedWriter> {
  const family: SqlFamily = sequelize.getDialect() === 'postgres' ? 'postgres' : 'mysql';
  const requested = options.method ?? BulkMethod.AUTO;
  const base = { sequelize, options, family, quotedTable: quoteTable(options.table, family), onSent };
  if (family === 'mysql') {
    if (requested !== BulkMethod.AUTO && requested !== BulkMethod.VALUES) {
      throw new ValidationError([
        { path: 'method', rule: 'unsupported', message: `method: ${requested} needs PostgreSQL` },
      ]);
    }
    return valuesWriter({ ...base, tail: conflictClause(options.onConflict, options.columns, family) });
  }
  const display = tableDisplayName(options.table);
  const typeMap = await postgresColumnTypes(sequelize, base.quotedTable, display, options.transaction);
  const types = typesOfColumns(typeMap, display, options.columns);
  const method = await choosePostgresMethod({
    sequelize,
    transaction: options.transaction,
    requested,
    hasConflict: options.onConflict !== undefined,
    hasArrayColumn: types.some((t) => t.endsWith('[]')),
  });
  const ctx = { ...base, tail: conflictClause(options.onConflict, options.columns, family, typeMap) };
  if (method === BulkMethod.COPY) return copyWriter(ctx, types);
  return method === BulkMethod.UNNEST ? unnestWriter(ctx, types) : valuesWriter(ctx, types);
}
