import { toNestedArrayLiteral } from './array-literal.js';
import type { BulkRow } from './types.js';
import { byteaText, dateText, isJsonType } from './value-text.js';

/** NULL in COPY's text format. */
const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Escapes a field for COPY's text format: backslash, tab, newline and carriage return. */
export function escapeCopyText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c] as string) : text;
}

type FieldEncoder = (value: unknown) => string;

/** Scalars; a Date column usually repeats one instant (audit timestamps), so the last one is reused. */
function scalarEncoder(column: string): FieldEncoder {
  let lastTime = Number.NaN;
  let lastText = '';
  return (value) => {
    if (value === null || value === undefined) return NULL;
    switch (typeof value) {
      case 'string':
        return escapeCopyText(value);
      case 'number':
      case 'bigint':
        return String(value);
      case 'boolean':
        return value ? 't' : 'f';
    }
    if (value instanceof Date) {
      if (value.getTime() !== lastTime) {
        lastText = dateText(value, column);
        lastTime = value.getTime();
      }
      return lastText;
    }
    if (value instanceof Uint8Array) return escapeCopyText(byteaText(value));
    return escapeCopyText(JSON.stringify(value));
  };
}

/** `json`/`jsonb`: every value JSON-encoded (a string becomes a JSON string). */
const jsonEncoder: FieldEncoder = (value) =>
  value === null || value === undefined ? NULL : escapeCopyText(JSON.stringify(value));

function arrayEncoder(column: string): FieldEncoder {
  const scalar = scalarEncoder(column);
  return (value) =>
    Array.isArray(value) ? escapeCopyText(toNestedArrayLiteral(value, column)) : scalar(value);
}

function fieldEncoder(column: string, type: string): FieldEncoder {
  if (isJsonType(type)) return jsonEncoder;
  if (type.endsWith('[]')) return arrayEncoder(column);
  return scalarEncoder(column);
}

/**
 * Builds the encoder of COPY text-format lines for these columns and their PostgreSQL types
 * (`format_type` spelling): tab-separated fields, `\N` for NULL (an empty string stays empty),
 * dates as UTC ISO, booleans `t`/`f`, bytes as bytea hex, JSON for json columns and objects,
 * array literals for array columns; backslash, tab, newline and CR escaped.
 */
export function createCopyEncoder(
  columns: readonly string[],
  types: readonly string[],
): (rows: readonly BulkRow[]) => string {
  const encoders = columns.map((column, i) => fieldEncoder(column, types[i] ?? ''));
  const count = encoders.length;
  return (rows) => {
    let text = '';
    for (const row of rows) {
      if (Array.isArray(row)) {
        for (let c = 0; c < count; c++) {
          text += (encoders[c] as FieldEncoder)(row[c]) + (c === count - 1 ? '\n' : '\t');
        }
      } else {
        const record = row as Readonly<Record<string, unknown>>;
        for (let c = 0; c < count; c++) {
          text +=
            (encoders[c] as FieldEncoder)(record[columns[c] as string]) + (c === count - 1 ? '\n' : '\t');
        }
      }
    }
    return text;
  };
}
