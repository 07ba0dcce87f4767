import type { SeedRow, SeedRows } from '../types.js';

/** Splits rows (array, iterable or async iterable) into arrays of at most `size` rows. */
export async function* rowChunks(rows: SeedRows, size: number): AsyncGenerator<SeedRow[]> {
  if (Array.isArray(rows)) {
    for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size) as SeedRow[];
    return;
  }
  let chunk: SeedRow[] = [];
  for await (const row of rows as AsyncIterable<object>) {
    chunk.push(row as SeedRow);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
