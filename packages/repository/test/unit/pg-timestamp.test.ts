import { describe, expect, it } from 'vitest';
import { parseTimestamptz } from '../../src/_internal/pg-timestamp.js';

const never = (text: string) => {
  throw new Error(`fell back on ${text}`);
};

describe('parseTimestamptz', () => {
  it.each([
    ['2026-11-24 16:03:56.507123+00', '2026-11-24T16:03:56.507Z'],
    ['2026-11-24 16:03:56+00', '2026-11-24T16:03:56.000Z'],
    ['2026-11-24 16:03:56.5+00', '2026-11-24T16:03:56.500Z'],
    ['2026-11-24 16:03:56.999999+00', '2026-11-24T16:03:56.999Z'],
    ['2026-11-24 16:03:56.12+05:30', '2026-11-24T10:33:56.120Z'],
    ['2026-02-28 23:59:59.001-03:30', '2026-03-01T03:29:59.001Z'],
    ['1970-01-01 00:00:00+00', '1970-01-01T00:00:00.000Z'],
    ['2000-02-29 12:00:00.000001-11', '2000-02-29T23:00:00.000Z'],
    ['9999-12-31 23:59:59.999+14', '9999-12-31T09:59:59.999Z'],
    ['0100-01-01 00:00:00+00', '0100-01-01T00:00:00.000Z'],
  ])('should read %s as %s', (text, iso) => {
    expect(parseTimestamptz(text, never)).toEqual(new Date(iso));
  });

  it.each([
    'infinity',
    '-infinity',
    '0044-03-15 12:00:00+00 BC',
    '0099-06-01 00:00:00+00',
    '1900-01-01 00:00:00+00:19:32',
    '12026-01-01 00:00:00+00',
    '2026-1x-24 16:03:56+00',
    '2026-11-24 16:03:56',
  ])('should leave %s to the driver parser', (text) => {
    const fallback = (t: string) => `driver:${t}`;
    expect(parseTimestamptz(text, fallback)).toBe(`driver:${text}`);
  });
});
