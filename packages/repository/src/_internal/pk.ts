import { ValidationError } from '@dalkit/connection';
import { coerceValue } from './coerce-value.js';
import type { ModelMeta } from './model-meta.js';

/** Checks a primary-key value against the key's type; ValidationError naming `id` otherwise. */
export function checkId(meta: ModelMeta, id: unknown): unknown {
  const result = coerceValue(meta.primaryKey, id, false);
  if (!result.ok) {
    throw new ValidationError([{ path: 'id', rule: 'type', message: `id must be ${result.expected}` }]);
  }
  return result.value;
}
