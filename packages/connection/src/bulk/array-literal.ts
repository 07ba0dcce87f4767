import { byteaText, dateText } from './value-text.js';

const NEEDS_ESCAPE = /[\\"]/;
const ESCAPE = /[\\"]/g;

function quoted(text: string): string {
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(ESCAPE, '\\$&')}"` : `"${text}"`;
}

function element(value: unknown, column: string): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : quoted(String(value));
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
  }
  if (value instanceof Date) return quoted(dateText(value, column));
  if (value instanceof Uint8Array) return quoted(byteaText(value));
  return quoted(JSON.stringify(value));
}

function jsonElement(value: unknown): string {
  return value === null || value === undefined ? 'NULL' : quoted(JSON.stringify(value));
}

/**
 * One column of a chunk as a PostgreSQL array literal (`{"a","b",NULL,1}`), sent as a single
 * text parameter and cast by `unnest($1::type[])`. Dates are sent as UTC ISO strings, buffers
 * as bytea hex, objects as JSON; for a `json`/`jsonb` column every value is JSON-encoded (a
 * string becomes a JSON string, as a model attribute would store it).
 */
export function toArrayLiteral(values: readonly unknown[], column: string, json = false): string {
  const parts: string[] = new Array(values.length);
  if (json) for (let i = 0; i < values.length; i++) parts[i] = jsonElement(values[i]);
  else for (let i = 0; i < values.length; i++) parts[i] = element(values[i], column);
  return `{${parts.join(',')}}`;
}

/** The value of an array-typed column (`text[]`, `int[][]`) as an array literal; nested arrays nest. */
export function toNestedArrayLiteral(value: readonly unknown[], column: string): string {
  const parts = value.map((item) =>
    Array.isArray(item) ? toNestedArrayLiteral(item, column) : element(item, column),
  );
  return `{${parts.join(',')}}`;
}
