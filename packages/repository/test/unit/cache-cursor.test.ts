import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/_internal/cursor.js';
import { createLruCache } from '../../src/index.js';

describe('createLruCache', () => {
  it('should evict the least recently used entry past maxEntries', () => {
    const cache = createLruCache({ maxEntries: 2 });
    cache.set('a', 1, 1000);
    cache.set('b', 2, 1000);
    cache.get('a');
    cache.set('c', 3, 1000);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('should expire entries after their TTL and clear everything', () => {
    let now = 0;
    const cache = createLruCache({ now: () => now });
    cache.set('a', 1, 100);
    now = 99;
    expect(cache.get('a')).toBe(1);
    now = 100;
    expect(cache.get('a')).toBeUndefined();
    cache.set('b', 2, 100);
    cache.clear();
    expect(cache.get('b')).toBeUndefined();
  });
});

describe('keyset cursors', () => {
  const date = new Date('2026-01-02T03:04:05.678Z');
  it('should round-trip values, dates included', () => {
    const cursor = encodeCursor('s', { shape: 'abc', values: [date, 7, 'x'] });
    expect(decodeCursor('s', cursor, 'abc', 3, 'after')).toEqual([date, 7, 'x']);
  });

  it.each([
    ['another secret', (c: string) => ({ secret: 'other', cursor: c, shape: 'abc', width: 3 })],
    ['another shape', (c: string) => ({ secret: 's', cursor: c, shape: 'xyz', width: 3 })],
    ['another width', (c: string) => ({ secret: 's', cursor: c, shape: 'abc', width: 2 })],
    ['a changed body', (c: string) => ({ secret: 's', cursor: `A${c.slice(1)}`, shape: 'abc', width: 3 })],
    ['no signature', (c: string) => ({ secret: 's', cursor: c.split('.')[0], shape: 'abc', width: 3 })],
    ['not a string', () => ({ secret: 's', cursor: 42, shape: 'abc', width: 3 })],
  ])('should refuse a cursor with %s', (_, make) => {
    const cursor = encodeCursor('s', { shape: 'abc', values: [date, 7, 'x'] });
    const { secret, cursor: given, shape, width } = make(cursor);
    expect(() => decodeCursor(secret, given, shape, width, 'before')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
