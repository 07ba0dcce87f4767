/** pg's text form of parameter values, written here as pg's own `prepareValue` writes them. */

const ESCAPED = /[\\"]/g;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * A Date as pg writes it: ISO 8601 with milliseconds and a `±HH:MM` offset, in local time, or
 * in UTC when pg's `defaults.parseInputDatesAsUTC` is set. Undefined for an invalid date or a
 * year outside 1–9999 (pg's own path handles those).
 */
function dateText(date: Date, utc: boolean): string | undefined {
  if (Number.isNaN(date.getTime())) return undefined;
  // The local getters, not UTC ones shifted by the offset: historic offsets carry seconds
  // (Kolkata 1900: +05:21:10) that getTimezoneOffset() rounds away.
  const year = utc ? date.getUTCFullYear() : date.getFullYear();
  if (year < 1 || year > 9999) return undefined;
  const offset = utc ? 0 : -date.getTimezoneOffset();
  const minutes = Math.abs(offset);
  const month = utc ? date.getUTCMonth() : date.getMonth();
  const day = utc ? date.getUTCDate() : date.getDate();
  const hours = utc ? date.getUTCHours() : date.getHours();
  const mins = utc ? date.getUTCMinutes() : date.getMinutes();
  const secs = utc ? date.getUTCSeconds() : date.getSeconds();
  return (
    `${pad(year, 4)}-${pad(month + 1)}-${pad(day)}T${pad(hours)}:${pad(mins)}:${pad(secs)}` +
    `.${pad(date.getUTCMilliseconds(), 3)}${offset < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
  );
}

/** A value as pg's `prepareValue` writes it; undefined for values this module leaves to pg. */
function valueText(value: unknown, utc: boolean): string | null | undefined {
  if (value === null || value === undefined) return null;
  const type = typeof value;
  if (type === 'string') return value as string;
  if (type === 'number' || type === 'bigint' || type === 'boolean') return String(value);
  if (value instanceof Date) return dateText(value, utc);
  return undefined;
}

/**
 * Parameter values in pg's text form, written exactly as pg's `prepareValue` writes them, for
 * primitives, Dates and flat arrays of them; undefined when any value is something else (a
 * Buffer, an object, a nested array), which pg's own query path then serializes. `utcDates` is
 * pg's `defaults.parseInputDatesAsUTC`.
 */
export function textValues(values: readonly unknown[], utcDates: boolean): (string | null)[] | undefined {
  const texts = new Array<string | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (const item of value) {
        if (Array.isArray(item)) return undefined;
        const text = valueText(item, utcDates);
        if (text === undefined) return undefined;
        items.push(text === null ? 'NULL' : `"${text.replace(ESCAPED, '\\$&')}"`);
      }
      texts[i] = `{${items.join(',')}}`;
      continue;
    }
    const text = valueText(value, utcDates);
    if (text === undefined) return undefined;
    texts[i] = text;
  }
  return texts;
}
