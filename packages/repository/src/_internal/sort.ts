import type { ValidationIssue } from '@dalkit/connection';
import type { AttributeMeta, ModelMeta } from './model-meta.js';
import type { SqlBuilder } from './sql-builder.js';

/** A validated sort term. */
export interface ResolvedSort {
  readonly attribute: AttributeMeta;
  readonly descending: boolean;
  /** Where NULLs go; undefined for NOT NULL columns. */
  readonly nulls: 'first' | 'last' | undefined;
}

/** Most sort terms accepted in one request. */
export const MAX_SORT_TERMS = 8;
const KEY = /^(-)?([A-Za-z_][A-Za-z0-9_]{0,62})$/;

interface RawTerm {
  field?: unknown;
  direction?: unknown;
  nulls?: unknown;
}

function toTerms(sort: unknown): unknown[] | undefined {
  if (sort === undefined || sort === null || sort === '') return [];
  if (typeof sort === 'string') return sort.split(',').map((s) => s.trim());
  return Array.isArray(sort) ? sort : undefined;
}

/**
 * Validates sort input (`'-created_at,id'`, `['-created_at']` or term objects) against the
 * sortable allowlist and appends the primary key as the final tie-breaker.
 */
export function resolveSort(
  meta: ModelMeta,
  sort: unknown,
  sortable: ReadonlySet<string>,
): { terms: ResolvedSort[]; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const terms: ResolvedSort[] = [];
  const list = toTerms(sort);
  if (!list || list.length > MAX_SORT_TERMS) {
    issues.push({
      path: 'sort',
      rule: 'type',
      message: `sort must be a list of at most ${MAX_SORT_TERMS} fields`,
    });
    return { terms, issues };
  }
  list.forEach((item, i) => {
    const path = `sort[${i}]`;
    let name: string | undefined;
    let descending = false;
    let nulls: unknown;
    if (typeof item === 'string') {
      const match = KEY.exec(item);
      name = match?.[2];
      descending = match?.[1] === '-';
    } else if (typeof item === 'object' && item !== null) {
      const raw = item as RawTerm;
      name = typeof raw.field === 'string' ? raw.field : undefined;
      if (raw.direction !== undefined && raw.direction !== 'asc' && raw.direction !== 'desc') {
        issues.push({
          path: `${path}.direction`,
          rule: 'type',
          message: `${path}.direction must be asc or desc`,
        });
      }
      descending = raw.direction === 'desc';
      nulls = raw.nulls;
      if (nulls !== undefined && nulls !== 'first' && nulls !== 'last') {
        issues.push({ path: `${path}.nulls`, rule: 'type', message: `${path}.nulls must be first or last` });
      }
    }
    const attribute = name !== undefined && sortable.has(name) ? meta.attributes.get(name) : undefined;
    if (!attribute) {
      issues.push({ path, rule: 'unknownField', message: `${path} is not a sortable field` });
      return;
    }
    if (terms.some((t) => t.attribute === attribute)) return;
    const defaultNulls = descending ? 'first' : 'last';
    terms.push({
      attribute,
      descending,
      nulls: attribute.allowNull ? ((nulls as 'first' | 'last' | undefined) ?? defaultNulls) : undefined,
    });
  });
  const last = terms[terms.length - 1];
  if (!terms.some((t) => t.attribute === meta.primaryKey)) {
    terms.push({ attribute: meta.primaryKey, descending: last?.descending ?? false, nulls: undefined });
  }
  return { terms, issues };
}

/** `ORDER BY` body for the terms; `reverse` flips every direction (keyset `last`/`before`). */
export function compileOrderBy(
  sql: SqlBuilder,
  alias: string,
  terms: readonly ResolvedSort[],
  reverse = false,
): string {
  const parts: string[] = [];
  for (const term of terms) {
    const column = sql.column(alias, term.attribute.column);
    const descending = term.descending !== reverse;
    const nulls = term.nulls && (reverse ? (term.nulls === 'first' ? 'last' : 'first') : term.nulls);
    if (nulls && !sql.isPostgres) parts.push(`${column} IS NULL ${nulls === 'first' ? 'DESC' : 'ASC'}`);
    const direction = descending ? 'DESC' : 'ASC';
    parts.push(
      nulls && sql.isPostgres
        ? `${column} ${direction} NULLS ${nulls.toUpperCase()}`
        : `${column} ${direction}`,
    );
  }
  return parts.join(', ');
}
