import type { SeedRow, SeedRows } from '../types.js';

/** The first row of a load (for its keys) and rows that still yield it. */
export interface PeekedRows {
  first: SeedRow | undefined;
  rows: SeedRows;
}

/** Reads the first row of an array or (async) iterable without losing it for the load. */
export async function peekFirst(rows: SeedRows): Promise<PeekedRows> {
  if (Array.isArray(rows)) return { first: rows[0] as SeedRow | undefined, rows };
  const source = rows as Partial<AsyncIterable<object> & Iterable<object>>;
  const iterator = source[Symbol.asyncIterator]?.() ?? (source[Symbol.iterator]?.() as Iterator<object>);
  const head = await iterator.next();
  if (head.done) return { first: undefined, rows: [] };
  async function* replay(): AsyncGenerator<object> {
    try {
      yield head.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  }
  return { first: head.value as SeedRow, rows: replay() };
}
