import type { Sequelize, Transaction } from 'sequelize';

/** How {@link bulkInsert} sends rows, as a const object and a type of the same name. */
export const BulkMethod = {
  /** COPY on a PostgreSQL server, `unnest()` on the embedded one, VALUES on MariaDB/MySQL. */
  AUTO: 'auto',
  /** `COPY … FROM STDIN` in text format (PostgreSQL server through `pg` only). */
  COPY: 'copy',
  /** `INSERT … SELECT * FROM unnest($1::type[], …)`: one array parameter per column (PostgreSQL only). */
  UNNEST: 'unnest',
  /** Multi-row `INSERT … VALUES`, at most 65,535 bind parameters per statement (every dialect). */
  VALUES: 'values',
} as const;
/** How {@link bulkInsert} sends rows. */
export type BulkMethod = (typeof BulkMethod)[keyof typeof BulkMethod];

/** One row: values in `columns` order, or an object (any interface) keyed by column name; a missing key is NULL. */
export type BulkRow = readonly unknown[] | object;

/** Rows for {@link bulkInsert}: an array, or an (async) iterable for large generated sets. */
export type BulkRows = Iterable<BulkRow> | AsyncIterable<BulkRow>;

/** A table, optionally in a schema; a string may be `schema.table`. */
export type BulkTable = string | { readonly schema?: string; readonly name: string };

/** What to do with a row whose key already exists (`ON CONFLICT` / `ON DUPLICATE KEY`). */
export interface BulkConflict {
  /** The columns of the unique key (PostgreSQL's conflict target; MariaDB matches any unique key). */
  columns: readonly string[];
  /**
   * `update` rewrites the other columns (on PostgreSQL only rows whose values differ);
   * `nothing` keeps the existing row.
   */
  action: 'update' | 'nothing';
}

/** Options of {@link bulkInsert}. */
export interface BulkInsertOptions {
  /** The table to write. Names are quoted, never interpolated raw. */
  table: BulkTable;
  /** Database column names, in the order of array rows. */
  columns: readonly string[];
  rows: BulkRows;
  /** Run in this transaction. @default the current one of the async context, else none */
  transaction?: Transaction;
  /** Rows per statement, or per COPY write (capped for VALUES so no statement exceeds 65,535 parameters). @default 5000 */
  chunkSize?: number;
  /** Called with the rows sent so far after each chunk (COPY: once the chunk is handed to the connection). */
  onProgress?: (rowsSent: number) => void;
  /** @default 'auto' */
  method?: BulkMethod;
  /** Upsert or insert-if-missing instead of a plain insert (not with COPY). */
  onConflict?: BulkConflict;
}

/** What {@link bulkInsert} did. */
export interface BulkInsertResult {
  /** Rows sent to the database. */
  rowsSent: number;
  /** Rows the database reports inserted (or, with `onConflict`, inserted or changed). */
  rowsAffected: number;
  /** The method used; `undefined` when there were no rows. */
  method: Exclude<BulkMethod, 'auto'> | undefined;
}

/** A Sequelize instance or anything holding one (a dalkit `Database` handle). */
export type BulkTarget = Sequelize | { readonly sequelize: Sequelize };
