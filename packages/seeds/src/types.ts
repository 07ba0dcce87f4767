import type { Logger } from '@dalkit/connection';
import type { Model, ModelStatic, Sequelize, Transaction } from 'sequelize';
import type { SeedEnvironment } from './environment.js';
import type { ProgressReporter } from './progress/types.js';

/** Anything that holds a Sequelize instance: a dalkit `Database` handle satisfies it. */
export interface SeedDatabase {
  readonly sequelize: Sequelize;
  readonly logger?: Logger;
  /** When present (a dalkit `Database`), seeds run inside it so queries join implicitly. */
  transaction?<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
}

/** Any Sequelize model class (sequelize-typescript models included). */
export type SeedModel = ModelStatic<Model>;

/** A table name (optionally `schema.table`) or a Sequelize model to write to. */
export type WriteTarget = string | SeedModel;

/** One row to write: column (or, for a model, attribute) names to values. */
export type SeedRow = Record<string, unknown>;

/**
 * Rows for the bulk helpers: an array, or an (async) iterable for large generated data sets.
 * Any object type is accepted (interfaces included); its own keys are the columns.
 */
export type SeedRows = Iterable<object> | AsyncIterable<object>;

/** Options shared by the write helpers. */
export interface WriteOptions {
  /** Columns to write; @default the keys of the first row. */
  columns?: readonly string[];
  /** Rows per statement; capped so that no statement exceeds 65,535 bind parameters. */
  chunkSize?: number;
  /** Expected row count, for the progress bar's ETA. @default the array length, when known */
  total?: number;
  /** Label shown by the progress reporter. @default the table name */
  label?: string;
}

/** Options of {@link SeedContext.upsert} and {@link SeedContext.insertMissing}. */
export interface UpsertOptions extends WriteOptions {
  /** The natural key: columns of a UNIQUE constraint or primary key that identify a row. */
  conflictOn: readonly string[];
}

/** What a seed's `run(ctx)` receives. */
export interface SeedContext {
  /** The Sequelize instance. Pass `{ transaction: ctx.transaction }` to raw calls. */
  readonly sequelize: Sequelize;
  /** The database handle given to the seeder (or `{ sequelize }`). */
  readonly db: SeedDatabase;
  /** The registered models, by name. */
  readonly models: Readonly<Record<string, SeedModel>>;
  /** This seed's transaction: everything it writes commits or rolls back together. */
  readonly transaction: Transaction;
  /** A logger bound to this seed's name. */
  readonly logger: Logger;
  /** The environment being seeded. */
  readonly environment: SeedEnvironment;
  /** Free-form parameters from the caller, e.g. `{ scale: 10 }` from `dalkit seed run --scale 10`. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Reports progress of long loads (the bulk helpers use it already). */
  readonly progress: ProgressReporter;
  /** Inserts rows, or updates the non-key columns of rows whose natural key exists. Returns rows changed. */
  upsert(target: WriteTarget, rows: SeedRows, options: UpsertOptions): Promise<number>;
  /** Inserts only the rows whose natural key does not exist yet. Returns rows inserted. */
  insertMissing(target: WriteTarget, rows: SeedRows, options: UpsertOptions): Promise<number>;
  /** Fast insert of many rows (COPY on a PostgreSQL server, unnest() on the embedded one, chunked multi-row VALUES on MariaDB). Returns rows inserted. */
  bulkInsert(target: WriteTarget, rows: SeedRows, options?: WriteOptions): Promise<number>;
}

/** A seed: one entity or data set, as exported by a file in `seeds/`. */
export interface SeedDefinition {
  /** Unique name, recorded in `dalkit_seeds`; other seeds refer to it in `dependsOn`. @default the file name */
  name: string;
  /** Where it runs: any of `development`, `test`, `production`, or `'*'` for all. */
  environments: readonly (SeedEnvironment | '*')[];
  /** Seeds that must run first. */
  dependsOn?: readonly string[];
  /** Run again when the file's checksum changes. @default false */
  runOnChange?: boolean;
  /** Tables it writes, emptied by `reset`; tables written through the ctx helpers are tracked too. */
  tables?: readonly string[];
  /** Writes the data. May return the number of rows it affected; else the helpers' count is used. */
  run(ctx: SeedContext): Promise<number | undefined> | Promise<void>;
}
