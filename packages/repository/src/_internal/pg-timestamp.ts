/** A pg text-format value parser, as `getTypeParser` returns them. */
export type TextParser = (text: string) => unknown;

const ZERO = 48;
const MS_PLACES = [100, 10, 1] as const;

/** The number in `text[start, end)` when every character there is a digit, else -1. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Parses PostgreSQL's ISO output for `timestamp with time zone` (`2026-11-24 16:03:56.507123+00`,
 * `…+05:30`) into a Date without regular expressions; anything else (BC, years before 100 or
 * after 9999, `infinity`, second-level offsets) goes to `fallback`, the driver's own parser.
 * Sub-millisecond digits are truncated, as the driver does.
 */
export function parseTimestamptz(text: string, fallback: TextParser): unknown {
  const length = text.length;
  if (
    length < 22 ||
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 32 || // space
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58
  ) {
    return fallback(text);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  if (year < 100 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return fallback(text);
  let at = 19;
  let ms = 0;
  if (text.charCodeAt(at) === 46) {
    // .f{1,6}: the first three digits are the milliseconds, the rest is dropped
    at++;
    for (let place = 0; at < length; place++, at++) {
      const digit = text.charCodeAt(at) - ZERO;
      if (digit < 0 || digit > 9) break;
      if (place < 3) ms += digit * (MS_PLACES[place] as number);
    }
  }
  const sign = text.charCodeAt(at);
  if (sign !== 43 && sign !== 45) return fallback(text);
  const offsetHours = digits(text, at + 1, at + 3);
  let offsetMinutes = 0;
  if (at + 3 === length) {
    // ±HH
  } else if (at + 6 === length && text.charCodeAt(at + 3) === 58) {
    offsetMinutes = digits(text, at + 4, at + 6);
  } else {
    return fallback(text);
  }
  if (offsetHours < 0 || offsetMinutes < 0) return fallback(text);
  const offsetMs = (offsetHours * 60 + offsetMinutes) * 60_000 * (sign === 43 ? 1 : -1);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs);
}
