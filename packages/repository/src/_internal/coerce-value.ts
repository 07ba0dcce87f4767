import type { AttributeMeta } from './model-meta.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^-?\d{1,15}$/;
const BIGINT = /^-?\d{1,19}$/;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** Longest string value accepted in a filter. */
export const MAX_STRING_VALUE = 10_000;

/** True for a LIKE pattern the database accepts: no NUL, no dangling escape character. */
export function isLikePattern(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_STRING_VALUE || value.includes('\u0000')) return false;
  const trailing = /\\*$/.exec(value)?.[0].length ?? 0;
  return trailing % 2 === 0;
}

/** A value coerced to what the column takes, or the reason it was refused. */
export type Coerced = { ok: true; value: unknown } | { ok: false; expected: string };

/**
 * Checks `value` against the attribute's type; with `fromString`, also accepts the string
 * spelling of numbers and booleans (URL query strings). Never accepts objects or arrays.
 */
export function coerceValue(attribute: AttributeMeta, value: unknown, fromString: boolean): Coerced {
  const fail = (expected: string): Coerced => ({ ok: false, expected });
  switch (attribute.kind) {
    case 'integer':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return { ok: true, value };
      if (fromString && typeof value === 'string' && INTEGER.test(value))
        return { ok: true, value: Number(value) };
      return fail('an integer');
    case 'bigint':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return { ok: true, value };
      if (typeof value === 'bigint') return { ok: true, value: value.toString() };
      if (typeof value === 'string' && BIGINT.test(value)) return { ok: true, value };
      return fail('an integer');
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
      if (fromString && typeof value === 'string' && NUMBER.test(value))
        return { ok: true, value: Number(value) };
      return fail('a number');
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (fromString && (value === 'true' || value === 'false')) return { ok: true, value: value === 'true' };
      return fail('a boolean');
    case 'date': {
      if (value instanceof Date && !Number.isNaN(value.getTime())) return { ok: true, value };
      if (typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) {
        return { ok: true, value: new Date(value) };
      }
      return fail('a date (ISO 8601)');
    }
    case 'uuid':
      if (typeof value === 'string' && UUID.test(value)) return { ok: true, value };
      return fail('a UUID');
    case 'string': {
      if (typeof value !== 'string' || value.length > MAX_STRING_VALUE || value.includes('\u0000')) {
        return fail(`a string of at most ${MAX_STRING_VALUE} characters without NUL`);
      }
      if (attribute.enumValues && !attribute.enumValues.includes(value)) {
        return fail(`one of ${attribute.enumValues.join(', ')}`);
      }
      return { ok: true, value };
    }
    default:
      return fail('a field type that can be filtered');
  }
}
