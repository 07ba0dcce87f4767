import type { AttributeMeta } from './model-meta.js';

type Row = Record<string, unknown>;

/** `read()`'s promise; a synchronous throw (an `onQuery` callback, say) becomes its rejection. */
function attempt<T>(read: () => Promise<T>): Promise<T> {
  try {
    return read();
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The most keys one batched statement carries; a larger batch runs as several statements. */
export const MAX_BATCH_KEYS = 1000;

interface Waiter {
  key: unknown;
  resolve(row: Row | null): void;
  reject(error: unknown): void;
}

/** How a batch reads its rows: one key (`= $1`) or many (`= ANY($1)`). */
export interface BatchReads {
  one(key: unknown): Promise<Row | null>;
  many(keys: unknown[]): Promise<Row[]>;
}

/**
 * The key kinds whose values compare in JavaScript exactly as the database compares them, so a
 * returned row can be matched back to the key that asked for it. (A text key may match under a
 * collation or CHAR padding that `===` does not see; such keys are never batched.)
 */
const MATCHABLE: Partial<Record<AttributeMeta['kind'], (value: unknown) => string>> = {
  integer: String,
  bigint: String,
  uuid: (value) => String(value).toLowerCase(),
};

/** True when primary-key reads of this key type can be batched. */
export function canBatchKey(primaryKey: AttributeMeta): boolean {
  return MATCHABLE[primaryKey.kind] !== undefined;
}

/**
 * Coalesces primary-key lookups made in the same tick into one statement per
 * {@link MAX_BATCH_KEYS} keys (the data-loader pattern): sixteen concurrent `findById` calls
 * cost one round trip instead of sixteen. A lone lookup runs its single-key statement, so a
 * caller alone pays only the deferral to the end of the tick.
 */
export class IdBatch {
  private waiters: Waiter[] = [];
  private readonly normalize: (value: unknown) => string;

  constructor(
    private readonly primaryKey: AttributeMeta,
    private readonly reads: BatchReads,
  ) {
    const normalize = MATCHABLE[primaryKey.kind];
    if (!normalize) throw new TypeError(`${primaryKey.kind} keys cannot be batched`);
    this.normalize = normalize;
  }

  /** The row with this (already checked) key, or null; read together with this tick's others. */
  load(key: unknown): Promise<Row | null> {
    return new Promise((resolve, reject) => {
      if (this.waiters.push({ key, resolve, reject }) === 1) process.nextTick(() => this.flush());
    });
  }

  private flush(): void {
    const waiters = this.waiters;
    this.waiters = [];
    if (waiters.length === 1) {
      const [only] = waiters as [Waiter];
      attempt(() => this.reads.one(only.key)).then(only.resolve, only.reject);
      return;
    }
    for (let start = 0; start < waiters.length; start += MAX_BATCH_KEYS) {
      this.readChunk(waiters.slice(start, start + MAX_BATCH_KEYS));
    }
  }

  private readChunk(waiters: Waiter[]): void {
    const keys = new Map<string, unknown>();
    for (const waiter of waiters) keys.set(this.normalize(waiter.key), waiter.key);
    attempt(() => this.reads.many([...keys.values()])).then(
      (rows) => {
        const byKey = new Map<string, Row>();
        for (const row of rows) byKey.set(this.normalize(row[this.primaryKey.name]), row);
        const handedOut = new Set<Row>();
        for (const waiter of waiters) {
          const row = byKey.get(this.normalize(waiter.key));
          if (!row) waiter.resolve(null);
          else if (handedOut.has(row)) waiter.resolve(structuredClone(row));
          else {
            handedOut.add(row);
            waiter.resolve(row);
          }
        }
      },
      (error: unknown) => {
        for (const waiter of waiters) waiter.reject(error);
      },
    );
  }
}
