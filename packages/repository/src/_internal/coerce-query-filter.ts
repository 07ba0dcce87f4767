import { coerceValue } from './coerce-value.js';
import type { ModelMeta } from './model-meta.js';
import { resolveField } from './validate-filter.js';

type Node = Record<string, unknown>;

function scalar(meta: ModelMeta, path: string, value: unknown): unknown {
  const field = resolveField(meta, path);
  if (!field || typeof value !== 'string') return value;
  const result = coerceValue(field.attribute, value, true);
  return result.ok ? result.value : value;
}

function operators(meta: ModelMeta, path: string, ops: Node): Node {
  const out: Node = {};
  for (const [op, value] of Object.entries(ops)) {
    if (op === 'isNull') out[op] = value === 'true' ? true : value === 'false' ? false : value;
    else if (op === 'like' || op === 'ilike') out[op] = value;
    else if ((op === 'in' || op === 'notIn' || op === 'between') && typeof value === 'string') {
      out[op] = value.split(',').map((v) => scalar(meta, path, v));
    } else out[op] = scalar(meta, path, value);
  }
  return out;
}

/**
 * Converts the string values of a filter parsed from a URL to the attribute types (numbers,
 * booleans, dates, comma lists). Values that do not convert are left as they are, so the
 * filter validator reports them with their path.
 */
export function coerceQueryFilter(meta: ModelMeta, filter: unknown): unknown {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) return filter;
  const out: Node = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key === 'and' || key === 'or')
      out[key] = Array.isArray(value) ? value.map((v) => coerceQueryFilter(meta, v)) : value;
    else if (key === 'not') out[key] = coerceQueryFilter(meta, value);
    else if (typeof value === 'object' && value !== null) out[key] = operators(meta, key, value as Node);
    else out[key] = scalar(meta, key, value);
  }
  return out;
}
