import { ValidationError } from '@dalkit/connection';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { dialectFamily, quoteTable } from '../_internal/identifiers.js';
import { silentProgress } from '../progress/log-progress.js';
import type { ProgressReporter, ProgressTask } from '../progress/types.js';
import type { SeedRow, SeedRows, WriteOptions, WriteTarget } from '../types.js';
import { toArrayLiteral } from './array-literal.js';
import { assertColumnsExist, postgresColumnTypes } from './column-types.js';
import { rowChunks } from './row-chunks.js';
import { type RowShape, resolveRowShape } from './row-shape.js';
import {
  conflictClause,
  maxRowsPerValuesStatement,
  unnestInsertSql,
  valuesInsertSql,
  type WriteMode,
} from './statements.js';

/** Loads smaller than this (when their size is known) are not worth a progress report. */
const PROGRESS_MIN_ROWS = 1_000;

/** Rows per `unnest()` statement unless `chunkSize` says otherwise. */
const DEFAULT_UNNEST_CHUNK = 5_000;

/** Options of {@link bulkWrite}. */
export interface BulkWriteOptions extends WriteOptions {
  /** @default 'insert' */
  mode?: WriteMode;
  /** The natural key, required by `upsert` and `insertMissing`. */
  conflictOn?: readonly string[];
  /** Run inside this transaction. */
  transaction?: Transaction;
  /** @default silentProgress */
  progress?: ProgressReporter;
}

/** What a bulk write did. */
export interface BulkWriteResult {
  /** The table written, as `schema.table` or `table`; undefined when there were no rows. */
  table: string | undefined;
  /** Rows sent to the database. */
  rowsSent: number;
  /** Rows the database reports inserted or changed. */
  rowsAffected: number;
}

interface Plan {
  shape: RowShape;
  chunkSize: number;
  statement(chunk: SeedRow[]): { sql: string; bind: unknown[] };
}

function naturalKey(shape: RowShape, mode: WriteMode, conflictOn: readonly string[] | undefined): string[] {
  if (mode === 'insert') return [];
  if (!conflictOn || conflictOn.length === 0) {
    throw new ValidationError([
      { path: 'conflictOn', rule: 'required', message: `conflictOn: ${mode} needs the natural key columns` },
    ]);
  }
  const key = shape.columnsOf(conflictOn, 'conflictOn');
  const missing = key.findIndex((c) => !shape.columns.includes(c));
  if (missing >= 0) {
    throw new ValidationError([
      {
        path: `conflictOn[${missing}]`,
        rule: 'notWritten',
        message: `conflictOn[${missing}]: ${JSON.stringify(conflictOn[missing])} must be one of the written columns`,
      },
    ]);
  }
  return key;
}

/** One array literal per column: pg would otherwise re-escape every element on its slower path. */
function columnArrays(shape: RowShape, jsonColumns: readonly boolean[], chunk: SeedRow[]): string[] {
  const arrays: unknown[][] = shape.columns.map(() => new Array(chunk.length));
  for (let r = 0; r < chunk.length; r++) {
    const values = shape.values(chunk[r] as SeedRow);
    for (let c = 0; c < values.length; c++) (arrays[c] as unknown[])[r] = values[c];
  }
  return arrays.map((values, c) => toArrayLiteral(values, jsonColumns[c]));
}

async function plan(
  sequelize: Sequelize,
  target: WriteTarget,
  first: SeedRow,
  options: BulkWriteOptions,
): Promise<Plan> {
  const mode = options.mode ?? 'insert';
  const dialect = dialectFamily(sequelize.getDialect());
  const shape = resolveRowShape(target, first, options.columns);
  const conflictOn = naturalKey(shape, mode, options.conflictOn);
  const quotedTable = quoteTable(shape.table, dialect);
  const types =
    dialect === 'postgres'
      ? await postgresColumnTypes(sequelize, shape.table, options.transaction)
      : undefined;
  if (types) assertColumnsExist(types, shape.table, shape.columns);
  const tail = conflictClause({ mode, dialect, columns: shape.columns, conflictOn, types });
  const columnTypes = shape.columns.map((c) => types?.get(c) ?? '');
  if (types && !columnTypes.some((t) => t.endsWith('[]'))) {
    const sql = unnestInsertSql(quotedTable, shape.columns, columnTypes, tail);
    const jsonColumns = columnTypes.map((t) => t === 'json' || t === 'jsonb');
    return {
      shape,
      chunkSize: options.chunkSize ?? DEFAULT_UNNEST_CHUNK,
      statement: (chunk) => ({ sql, bind: columnArrays(shape, jsonColumns, chunk) }),
    };
  }
  const sqlByRows = new Map<number, string>();
  return {
    shape,
    chunkSize: Math.min(
      options.chunkSize ?? Number.POSITIVE_INFINITY,
      maxRowsPerValuesStatement(shape.columns.length),
    ),
    statement(chunk) {
      let sql = sqlByRows.get(chunk.length);
      if (!sql) {
        sql = valuesInsertSql(quotedTable, shape.columns, chunk.length, dialect, tail);
        sqlByRows.set(chunk.length, sql);
      }
      return { sql, bind: chunk.flatMap((row) => shape.values(row)) };
    },
  };
}

/** Sequelize answers an INSERT with `[insertId or rows, affected count]` on every dialect. */
function affected(result: [unknown, unknown]): number {
  const [, second] = result;
  if (typeof second === 'number') return second;
  const meta = second as { rowCount?: number | null; affectedRows?: number } | undefined;
  return meta?.rowCount ?? meta?.affectedRows ?? 0;
}

/**
 * Writes many rows fast and within the 65,535 bind-parameter limit: on PostgreSQL one
 * `INSERT … SELECT FROM unnest()` per chunk with one array parameter per column; elsewhere
 * (and for array columns) multi-row VALUES chunks of at most ⌊65,535 / columns⌋ rows.
 * `upsert` and `insertMissing` add ON CONFLICT / ON DUPLICATE KEY handling on `conflictOn`.
 */
export async function bulkWrite(
  sequelize: Sequelize,
  target: WriteTarget,
  rows: SeedRows,
  options: BulkWriteOptions = {},
): Promise<BulkWriteResult> {
  const total = options.total ?? (Array.isArray(rows) ? rows.length : undefined);
  let current: Plan | undefined;
  let task: ProgressTask | undefined;
  let rowsSent = 0;
  let rowsAffected = 0;
  let inFlight: Promise<void> | undefined;
  const send = (sql: string, bind: unknown[], count: number): Promise<void> =>
    sequelize
      .query(sql, { bind, type: QueryTypes.RAW, transaction: options.transaction, logging: false })
      .then((result) => {
        rowsSent += count;
        rowsAffected += affected(result as [unknown, unknown]);
        task?.advance(count);
      });
  try {
    for await (const chunk of rowChunks(rows, options.chunkSize ?? DEFAULT_UNNEST_CHUNK)) {
      current ??= await plan(sequelize, target, chunk[0] as SeedRow, options);
      for (let i = 0; i < chunk.length; i += current.chunkSize) {
        const part = current.chunkSize >= chunk.length ? chunk : chunk.slice(i, i + current.chunkSize);
        // Encoding the next statement overlaps with the server executing the previous one.
        const { sql, bind } = current.statement(part);
        await inFlight;
        // Known small loads report nothing; streams start reporting once they need a second statement.
        if (!task && (total === undefined ? rowsSent > 0 : total >= PROGRESS_MIN_ROWS)) {
          task = (options.progress ?? silentProgress).start({
            label: options.label ?? current.shape.table.display,
            total,
          });
          task.advance(rowsSent);
        }
        inFlight = send(sql, bind, part.length);
        // Awaited before the next send or below; this only stops Node reporting it unhandled meanwhile.
        inFlight.catch(() => {});
      }
    }
    await inFlight;
  } finally {
    await inFlight?.catch(() => {});
    task?.done();
  }
  return { table: current?.shape.table.display, rowsSent, rowsAffected };
}
