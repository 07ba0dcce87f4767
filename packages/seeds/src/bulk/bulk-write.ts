import { type BulkConflict, type BulkMethod, bulkInsert, ValidationError } from '@dalkit/connection';
import type { Sequelize, Transaction } from 'sequelize';
import type { ProgressReporter } from '../progress/types.js';
import type { SeedRow, SeedRows, WriteOptions, WriteTarget } from '../types.js';
import { loadProgress } from './load-progress.js';
import { peekFirst } from './peek-first.js';
import { type RowShape, resolveRowShape } from './row-shape.js';
import type { WriteMode } from './statements.js';

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
  /** How rows are sent (see `bulkInsert` of @dalkit/connection); `'unnest'` forces the statement path. @default 'auto' */
  method?: BulkMethod;
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

function conflictOf(
  shape: RowShape,
  mode: WriteMode,
  conflictOn: readonly string[] | undefined,
): BulkConflict | undefined {
  if (mode === 'insert') return undefined;
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
  return { columns: key, action: mode === 'upsert' ? 'update' : 'nothing' };
}

/** Model rows become value lists (attributes mapped to fields, defaults filled); table rows pass as they are. */
async function* mapRows(rows: SeedRows, values: (row: SeedRow) => unknown[]): AsyncGenerator<unknown[]> {
  for await (const row of rows as AsyncIterable<SeedRow>) yield values(row);
}

/**
 * Writes many rows fast and within the 65,535 bind-parameter limit, through `bulkInsert` of
 * @dalkit/connection: COPY on a PostgreSQL server, `unnest()` on the embedded one and for
 * `upsert` / `insertMissing` (ON CONFLICT on `conflictOn`), multi-row VALUES chunks on
 * MariaDB/MySQL. Rows are column → value objects for a table, attribute → value for a model.
 */
export async function bulkWrite(
  sequelize: Sequelize,
  target: WriteTarget,
  rows: SeedRows,
  options: BulkWriteOptions = {},
): Promise<BulkWriteResult> {
  const peeked = await peekFirst(rows);
  if (!peeked.first) return { table: undefined, rowsSent: 0, rowsAffected: 0 };
  const shape = resolveRowShape(target, peeked.first, options.columns);
  const onConflict = conflictOf(shape, options.mode ?? 'insert', options.conflictOn);
  const values = shape.values;
  const total = options.total ?? (Array.isArray(rows) ? rows.length : undefined);
  const progress = loadProgress(options.progress, options.label ?? shape.table.display, total);
  try {
    const result = await bulkInsert(sequelize, {
      table: { schema: shape.table.schema, name: shape.table.table },
      columns: shape.columns,
      rows: values ? (Array.isArray(rows) ? rows.map(values) : mapRows(peeked.rows, values)) : peeked.rows,
      transaction: options.transaction,
      chunkSize: options.chunkSize,
      onProgress: progress.sent,
      method: options.method,
      onConflict,
    });
    return { table: shape.table.display, rowsSent: result.rowsSent, rowsAffected: result.rowsAffected };
  } finally {
    progress.done();
  }
}
