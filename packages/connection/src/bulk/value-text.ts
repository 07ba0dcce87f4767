import { ValidationError } from '../errors/errors.js';

/**
 * A Date as PostgreSQL reads it: UTC ISO 8601 (`2024-01-02T03:04:05.678Z`). An invalid Date
 * is a ValidationError naming the column, before anything is sent.
 */
export function dateText(value: Date, column: string): string {
  const time = value.getTime();
  if (Number.isNaN(time)) {
    throw new ValidationError([
      { path: `rows.${column}`, rule: 'date', message: `rows.${column}: Invalid Date cannot be written` },
    ]);
  }
  return value.toISOString();
}

/** Bytes as bytea hex input: `\x` followed by two hex digits per byte. */
export function byteaText(value: Uint8Array): string {
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
}

/** True for PostgreSQL's `json` and `jsonb` types, whose every value is sent as JSON text. */
export function isJsonType(type: string | undefined): boolean {
  return type === 'json' || type === 'jsonb';
}
