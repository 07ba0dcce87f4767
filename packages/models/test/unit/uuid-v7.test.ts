import { describe, expect, it } from 'vitest';
import { isUuidV7, uuidv7, uuidv7Timestamp } from '../../src/index.js';

describe('uuidv7', () => {
  it('should make version 7, RFC 9562 variant UUIDs', () => {
    for (let i = 0; i < 100; i += 1) expect(isUuidV7(uuidv7())).toBe(true);
  });

  it('should encode the creation time', () => {
    const now = Date.UTC(2030, 0, 2, 3, 4, 5, 678);
    expect(uuidv7Timestamp(uuidv7(now)).getTime()).toBe(now);
  });

  it('should sort in creation order, within one millisecond too', () => {
    const now = Date.UTC(2031, 0, 1);
    const ids = Array.from({ length: 5000 }, (_, i) => uuidv7(now + Math.floor(i / 1000)));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('should stay ordered when the clock goes back', () => {
    const later = uuidv7(Date.UTC(2032, 0, 1));
    const earlierClock = uuidv7(Date.UTC(2031, 11, 31));
    expect(earlierClock > later).toBe(true);
  });

  it('should tell UUID v7 from other values', () => {
    expect(isUuidV7('0190a6b2-7c3d-4e5f-8a9b-0c1d2e3f4a5b')).toBe(false);
    expect(isUuidV7('not a uuid')).toBe(false);
    expect(isUuidV7(42)).toBe(false);
  });
});
