import { createHash } from 'node:crypto';
import { ValidationError } from '@dalkit/connection';
import type { ModelMeta } from './model-meta.js';
import { ROOT } from './select-sql.js';
import type { ResolvedSort } from './sort.js';
import type { SqlBuilder } from './sql-builder.js';

/** Fingerprint of a listing's order, so a cursor only works on the listing that made it. */
export function sortShape(meta: ModelMeta, terms: readonly ResolvedSort[]): string {
  const text = `${meta.table}|${terms.map((t) => `${t.attribute.name}:${t.descending ? 'd' : 'a'}`).join(',')}`;
  let shape = SHAPES.get(text);
  if (shape === undefined) {
    shape = createHash('sha256').update(text).digest('base64url').slice(0, 16);
    if (SHAPES.size < 10_000) SHAPES.set(text, shape);
  }
  return shape;
}

const SHAPES = new Map<string, string>();

/** Keyset pagination needs NOT NULL sort columns: NULL never compares, so rows would be skipped. */
export function assertKeysetSortable(terms: readonly ResolvedSort[]): void {
  const nullable = terms.filter((t) => t.nulls !== undefined);
  if (nullable.length) {
    throw new ValidationError(
      nullable.map((t) => ({
        path: `sort.${t.attribute.name}`,
        rule: 'keysetNullable',
        message: `sort.${t.attribute.name} is nullable and cannot be used for keyset pagination`,
      })),
    );
  }
}

/**
 * The predicate selecting rows strictly after (`forward`) or before the cursor row in the
 * listing's order. When every term has the same direction this is a row-value comparison
 * `(a, b) < ($1, $2)` that an index on (a, b) bounds; mixed directions fall back to the
 * OR-expanded form.
 */
export function keysetPredicate(
  sql: SqlBuilder,
  terms: readonly ResolvedSort[],
  values: readonly unknown[],
  forward: boolean,
): string {
  const columns = terms.map((t) => sql.column(ROOT, t.attribute.column));
  const greater = (t: ResolvedSort) => t.descending !== forward;
  const first = terms[0];
  if (first && terms.every((t) => t.descending === first.descending)) {
    const placeholders = values.map((v) => sql.param(v));
    return `(${columns.join(', ')}) ${greater(first) ? '>' : '<'} (${placeholders.join(', ')})`;
  }
  const ors: string[] = [];
  for (let i = 0; i < terms.length; i++) {
    const ands: string[] = [];
    for (let j = 0; j < i; j++) ands.push(`${columns[j]} = ${sql.param(values[j])}`);
    ands.push(`${columns[i]} ${greater(terms[i] as ResolvedSort) ? '>' : '<'} ${sql.param(values[i])}`);
    ors.push(`(${ands.join(' AND ')})`);
  }
  return `(${ors.join(' OR ')})`;
}
