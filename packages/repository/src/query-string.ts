import { ValidationError } from '@dalkit/connection';

/** Caps applied while parsing a query string. */
export interface QueryStringLimits {
  /** Most query parameters read. @default 50 */
  maxParams?: number;
  /** Longest query string accepted, in characters. @default 4096 */
  maxLength?: number;
  /** Largest `page[size]`. @default the repository's maxPageSize */
  maxPageSize?: number;
}

/** What {@link parseQueryString} extracts; values are still strings until the repository coerces them. */
export interface ParsedQuery<Flt = Record<string, unknown>> {
  filter: Flt | undefined;
  sort: string | undefined;
  page: { number?: number; size?: number; after?: string; before?: string };
}

const KEY = /^(filter|page|sort)((?:\[[A-Za-z0-9_.]{1,64}\])*)$/;
const SEGMENT = /\[([A-Za-z0-9_.]{1,64})\]/g;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function fail(path: string, message: string): never {
  throw new ValidationError([{ path, rule: 'query', message }]);
}

function setPath(target: Record<string, unknown>, segments: string[], value: string, path: string): void {
  let node = target;
  segments.forEach((segment, i) => {
    if (UNSAFE_KEYS.has(segment)) fail(path, `${path} is not allowed`);
    if (i === segments.length - 1) {
      if (node[segment] !== undefined) fail(path, `${path} is given twice`);
      node[segment] = value;
      return;
    }
    const next = node[segment] ?? Object.create(null);
    if (typeof next !== 'object') fail(path, `${path} mixes a value and nested keys`);
    node[segment] = next;
    node = next as Record<string, unknown>;
  });
}

/** `{0: a, 1: b}` under and/or becomes `[a, b]`; plain objects elsewhere. */
function normalize(value: unknown, key?: string): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, normalize(v, k)] as const);
  if ((key === 'and' || key === 'or') && entries.every(([k]) => /^\d{1,3}$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

function pageNumber(value: string | undefined, path: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max)
    fail(path, `${path} must be an integer from 1 to ${max}`);
  return Number(value);
}

/**
 * Parses JSON:API-style query strings: `filter[status]=paid`, `filter[total][gte]=10`,
 * `filter[status][in]=paid,shipped`, `filter[or][0][status]=paid`, `sort=-created_at,id`,
 * `page[number]=2`, `page[size]=50`, `page[after]=<cursor>`. Unknown parameters are refused.
 */
export function parseQueryString(
  query: string | URLSearchParams,
  limits: QueryStringLimits = {},
): ParsedQuery {
  const maxLength = limits.maxLength ?? 4096;
  const text = typeof query === 'string' ? query.replace(/^\?/, '') : query.toString();
  if (text.length > maxLength) fail('query', `query must be at most ${maxLength} characters`);
  const params = [...new URLSearchParams(text)];
  const maxParams = limits.maxParams ?? 50;
  if (params.length > maxParams) fail('query', `query must have at most ${maxParams} parameters`);
  const filter: Record<string, unknown> = Object.create(null);
  const page: Record<string, unknown> = Object.create(null);
  let sort: string | undefined;
  for (const [key, value] of params) {
    const match = KEY.exec(key);
    if (!match) fail(key, `${key} is not a supported query parameter`);
    const segments = [...(match[2] ?? '').matchAll(SEGMENT)].map((m) => m[1] as string);
    if (match[1] === 'sort') {
      if (segments.length || sort !== undefined) fail(key, 'sort must be given once, as sort=field,-field');
      sort = value;
    } else if (match[1] === 'page') {
      if (segments.length !== 1 || !['number', 'size', 'after', 'before'].includes(segments[0] as string)) {
        fail(key, `${key} must be page[number], page[size], page[after] or page[before]`);
      }
      setPath(page, segments, value, key);
    } else {
      if (segments.length === 0) fail(key, 'filter needs a field: filter[field]=value');
      setPath(filter, segments, value, key);
    }
  }
  const maxPageSize = limits.maxPageSize ?? 100;
  return {
    filter: Object.keys(filter).length ? (normalize(filter) as Record<string, unknown>) : undefined,
    sort,
    page: {
      number: pageNumber(page.number as string | undefined, 'page[number]', 1_000_000),
      size: pageNumber(page.size as string | undefined, 'page[size]', maxPageSize),
      ...(page.after !== undefined ? { after: page.after as string } : {}),
      ...(page.before !== undefined ? { before: page.before as string } : {}),
    },
  };
}
