import type { Transaction } from 'sequelize';

/** SQL isolation levels, as a const object and a type of the same name. */
export const IsolationLevel = {
  READ_UNCOMMITTED: 'READ UNCOMMITTED',
  READ_COMMITTED: 'READ COMMITTED',
  REPEATABLE_READ: 'REPEATABLE READ',
  SERIALIZABLE: 'SERIALIZABLE',
} as const;
/** An SQL isolation level. */
export type IsolationLevel = (typeof IsolationLevel)[keyof typeof IsolationLevel];

/** How a transaction relates to one already open in the current async context. */
export const Propagation = {
  /** A SAVEPOINT inside the current transaction, or a new transaction when there is none. */
  NESTED: 'nested',
  /** Join the current transaction, or start one when there is none. */
  REQUIRED: 'required',
  /** An independent transaction on another connection. */
  REQUIRES_NEW: 'requiresNew',
} as const;
/** How a transaction relates to one already open in the current async context. */
export type Propagation = (typeof Propagation)[keyof typeof Propagation];

/** Retry policy for transient failures (serialization failures, deadlocks) of an outermost transaction. */
export interface TransactionRetryOptions {
  /** Total attempts, the first included. @default 5 */
  maxAttempts?: number;
  /** Delay before the first retry, in ms; doubles each time, with full jitter. @default 20 */
  initialDelayMs?: number;
  /** Upper bound for one delay, in ms. @default 1000 */
  maxDelayMs?: number;
}

/** Options of `db.transaction(fn, options)`. */
export interface TransactionOptions {
  /** What to do when a transaction is already open in this async context. @default 'nested' */
  propagation?: Propagation;
  /** Validated per dialect (PostgreSQL refuses READ UNCOMMITTED). @default the database's */
  isolationLevel?: IsolationLevel;
  /** Open the transaction READ ONLY: writes in it fail. @default false */
  readOnly?: boolean;
  /** Statement and lock-wait timeout inside the transaction, in ms; exceeding it throws `TimeoutError`. */
  timeoutMs?: number;
  /**
   * Retry serialization failures, deadlocks and lock wait timeouts of the outermost transaction,
   * re-running `fn`; `false` to never retry.
   * @default { maxAttempts: 5, initialDelayMs: 20, maxDelayMs: 1000 }
   */
  retry?: TransactionRetryOptions | false;
}

/** A transaction started with `db.begin()`, ended by hand. */
export interface ManualTransaction {
  /** The Sequelize transaction, to pass as `{ transaction }` where needed. */
  readonly transaction: Transaction;
  /** Commits; a second commit, or a commit after rollback, throws `TransactionStateError`. */
  commit(): Promise<void>;
  /** Rolls back; after the end it throws `TransactionStateError` (after a failed commit it does nothing). */
  rollback(): Promise<void>;
  /** Runs `fn` inside a savepoint of this transaction; rolls the savepoint back if it throws. */
  savepoint<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Runs `fn` with this transaction as the implicit one (queries join it without `{ transaction }`). */
  run<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
}

/** The key of an advisory lock: a name, or a 64-bit integer (PostgreSQL's native key). */
export type AdvisoryLockKey = string | number | bigint;

/** Options of `db.withAdvisoryLock(key, fn, options)`. */
export interface AdvisoryLockOptions {
  /** Give up with a `LOCK_TIMEOUT` error after waiting this long, in ms. @default wait indefinitely */
  timeoutMs?: number;
}

/** The transaction API of a database handle. */
export interface TransactionManager {
  /** Runs `fn` in a transaction (or savepoint, or the current one: see `propagation`); commits, or rolls back and rethrows. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** The transaction open in the current async context, if any. */
  currentTransaction(): Transaction | undefined;
  /** Starts a transaction that the caller commits or rolls back. */
  begin(options?: Omit<TransactionOptions, 'propagation' | 'retry'>): Promise<ManualTransaction>;
  /**
   * Runs `fn` while holding a database-wide advisory lock on `key`, inside a transaction (the
   * current one when there is one). Another holder of the same key makes it wait, up to `timeoutMs`.
   */
  withAdvisoryLock<T>(key: AdvisoryLockKey, fn: () => Promise<T>, options?: AdvisoryLockOptions): Promise<T>;
}
