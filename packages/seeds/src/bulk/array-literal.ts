const NEEDS_ESCAPE = /[\\"]/;
const ESCAPE = /[\\"]/g;

function quoted(text: string): string {
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(ESCAPE, '\\$&')}"` : `"${text}"`;
}

function element(value: unknown): string {
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
  if (value instanceof Date) return quoted(value.toISOString());
  if (Buffer.isBuffer(value)) return quoted(`\\x${value.toString('hex')}`);
  return quoted(JSON.stringify(value));
}

function jsonElement(value: unknown): string {
  return value === null || value === undefined ? 'NULL' : quoted(JSON.stringify(value));
}

/**
 * One column of a chunk as a PostgreSQL array literal (`{"a","b",NULL,1}`), sent as a single
 * text parameter and cast by `unnest($1::type[])`. Dates are sent as UTC ISO strings, buffers
 * as bytea hex; for a `json`/`jsonb` column every value is JSON-encoded (a string becomes a
 * JSON string, as a model attribute would store it).
 */
export function toArrayLiteral(values: readonly unknown[], json = false): string {
  const encode = json ? jsonElement : element;
  const parts: string[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = encode(values[i]);
  return `{${parts.join(',')}}`;
}
