import type { Attributes, CreationAttributes, Model, Transaction } from 'sequelize';
import type { LockOption } from './_internal/select-sql.js';
import type { CacheOptions } from './cache.js';
import type { FieldsOf, Filter, Sort } from './filter-types.js';

export type { LockOption };

/** A row as a plain object keyed by attribute name. */
export type Plain<M extends Model> = Attributes<M>;

/** Where the repository finds the transaction open in the current async context. */
export interface TransactionSource {
  currentTransaction(): Transaction | undefined;
}

/** Options of {@link repositoryFor} and the Repository constructor. */
export interface RepositoryOptions<F extends string = string, S extends string = string> {
  /** Fields (attributes or `relation.field`) a filter may use. @default [] (no filtering) */
  filterable?: readonly F[];
  /** Attributes a sort may use. The primary key is always appended as tie-breaker. @default [] */
  sortable?: readonly S[];
  /** Relations that `include` may load. @default every declared association */
  includable?: readonly string[];
  /** Attributes usable in `groupBy` and aggregate functions. @default the sortable fields */
  aggregatable?: readonly string[];
  /** Order when the caller gives none. @default primary key ascending */
  defaultSort?: Sort<S>;
  /** Page size when none is given. @default 20 */
  defaultPageSize?: number;
  /** Largest page (and `first`/`last`) accepted. @default 100 */
  maxPageSize?: number;
  /** Largest `page` number for offset pagination (deep OFFSET is slow). @default 10_000 */
  maxPage?: number;
  /** HMAC secret for keyset cursors; give one shared by all instances. @default a random secret per process */
  cursorSecret?: string;
  /** Opt-in read cache. `true` uses the defaults. @default false */
  cache?: CacheOptions | boolean;
  /** On PostgreSQL, run reads straight on the pooled pg client (compiled SQL, bind parameters). @default true */
  fastPath?: boolean;
  /** On PostgreSQL, use named prepared statements for reads (not behind PgBouncer in transaction mode). @default false */
  prepare?: boolean;
  /**
   * On PostgreSQL, `findById`/`getById` calls made in the same tick outside a transaction, without
   * a lock or a joined include, share one `= ANY($1)` statement (integer, bigint and UUID keys).
   * Each caller still gets its own object; a lone call runs its usual single-key statement.
   * @default true
   */
  batch?: boolean;
  /**
   * Where the ambient transaction comes from. @default the dalkit transaction manager of the
   * model's Sequelize instance (`transactionManagerOf`), shared with `createDatabase()` handles.
   */
  database?: TransactionSource;
  /** Called with every SQL statement the repository's own compiler sends (metrics, tests). */
  onQuery?: (sql: string) => void;
}

/** Options every method takes. */
export interface CallOptions {
  /** An explicit transaction; otherwise the ambient one (if any) is joined. */
  transaction?: Transaction;
}

/** Options of reads. */
export interface ReadOptions extends CallOptions {
  /** Declared relations to load, each with one extra query (never one per row). */
  include?: readonly string[];
  /** Return Sequelize model instances instead of plain objects. @default false */
  instances?: boolean;
  /** Row lock; needs a transaction. */
  lock?: LockOption;
  /** Include soft-deleted rows of a paranoid model. @default false */
  withDeleted?: boolean;
}

/** What a read returns for `M` under options `O`. */
export type ReadResult<M extends Model, O> = O extends { instances: true }
  ? M
  : Plain<M> & Record<string, unknown>;

/** Options of `findAll`. */
export interface FindAllOptions<S extends string> extends ReadOptions {
  sort?: Sort<S>;
  /** At most this many rows (capped by `maxPageSize` only when not given explicitly). */
  limit?: number;
  offset?: number;
}

/** Options of offset pagination. */
export interface PageOptions<S extends string> extends ReadOptions {
  /** 1-based page number. @default 1 */
  page?: number;
  pageSize?: number;
  sort?: Sort<S>;
  /** Run the COUNT(*) for `total`. @default true */
  withTotal?: boolean;
}

/** One page of an offset listing. */
export interface OffsetPage<T> {
  items: T[];
  /** Rows matching the filter; undefined when `withTotal: false`. */
  total: number | undefined;
  page: number;
  pageSize: number;
  hasNext: boolean;
}

/** Options of keyset (cursor) pagination: `first`/`after` forward, or `last`/`before` backward. */
export interface KeysetOptions<S extends string> extends ReadOptions {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
  sort?: Sort<S>;
  /** Also count every row matching the filter. @default false */
  withTotal?: boolean;
  /** Also return a cursor for every item (one HMAC each), not only start and end. @default false */
  withCursors?: boolean;
}

/** One page of a keyset listing. */
export interface KeysetPage<T> {
  items: T[];
  /** Cursor of each item, in order; only with `withCursors: true`. */
  cursors?: string[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  total?: number;
}

/** An aggregate function over an attribute (`count` may omit the field to count rows). */
export interface Metric<F extends string = string> {
  fn: 'count' | 'sum' | 'avg' | 'min' | 'max';
  field?: F;
}

/** Options of `aggregate`. */
export interface AggregateOptions<G extends string, K extends string, Flt> extends CallOptions {
  metrics: Record<K, Metric>;
  groupBy?: readonly G[];
  filter?: Flt;
}

/** One aggregate row: the group fields and one number (or null) per metric. */
export type AggregateRow<M extends Model, G extends string, K extends string> = {
  [P in G]: P extends keyof Plain<M> ? Plain<M>[P] : unknown;
} & { [P in K]: number | null };

/** Options of `createMany`. */
export interface CreateManyOptions extends CallOptions {
  /** Run the model's validators on each row first (costly for large loads). @default false */
  validate?: boolean;
}

/** Options of `upsert`. */
export interface UpsertOptions<M extends Model> extends CallOptions {
  /** The unique attributes the conflict is on (PostgreSQL `ON CONFLICT`; MariaDB uses any unique key). */
  conflictOn: readonly (keyof Plain<M> & string)[];
}

/** Filter type of a repository over `M` with filterable paths `F`. */
export type RepositoryFilter<M extends Model, F extends string> = Filter<FieldsOf<M, F>>;

/** Creation input of `M`. */
export type CreateInput<M extends Model> = CreationAttributes<M>;
