/**
 * PENDING: stands in for the query-string parser of @dalkit/repository (issue 6):
 * `?filter[price][gte]=10&sort=-price,name&page[size]=20&page[number]=2|page[after]=<cursor>`.
 * Every field, operator and value is checked against an allowlist before any SQL.
 */
import { ValidationError, type ValidationIssue } from '@dalkit/connection';

/** The value type of a filterable field. */
export type FieldType = 'string' | 'integer' | 'decimal' | 'uuid' | 'date';
/** A filter operator. */
export type Operator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'like' | 'ilike' | 'isNull';

/** What a list endpoint accepts. */
export interface ListSpec {
  /** attribute → its type and allowed operators. */
  filterable: Readonly<Record<string, { type: FieldType; ops: readonly Operator[] }>>;
  /** Attributes that may appear in `sort`. */
  sortable: readonly string[];
  /** Sort when none is given, e.g. `['-createdAt']`. */
  defaultSort: readonly string[];
  /** @default 100 */
  maxPageSize?: number;
  /** @default 20 */
  defaultPageSize?: number;
}

/** One parsed filter condition. */
export interface Condition {
  field: string;
  op: Operator;
  value: unknown;
}
/** One sort key. */
export interface SortKey {
  field: string;
  direction: 'ASC' | 'DESC';
}
/** Offset or cursor pagination. */
export type PageRequest =
  | { kind: 'offset'; number: number; size: number; withTotal: boolean }
  | { kind: 'cursor'; size: number; after: string | undefined };

/** A parsed, validated list request. */
export interface ListRequest {
  conditions: Condition[];
  sort: SortKey[];
  page: PageRequest;
}

const KEY = /^(filter|page)\[([A-Za-z][A-Za-z0-9_]{0,62})\](?:\[([A-Za-z]{1,10})\])?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses a Fastify query object into a {@link ListRequest}; throws `ValidationError` listing every problem. */
export function parseListQuery(query: Record<string, unknown>, spec: ListSpec): ListRequest {
  const issues: ValidationIssue[] = [];
  const fail = (path: string, rule: string, message: string) => issues.push({ path, rule, message });
  const conditions: Condition[] = [];
  const page: Record<string, string> = {};
  let sortRaw: string | undefined;
  for (const [key, raw] of Object.entries(query)) {
    if (Array.isArray(raw)) {
      fail(key, 'single', `${key} may be given only once`);
      continue;
    }
    const value = String(raw);
    if (key === 'sort') {
      sortRaw = value;
      continue;
    }
    const match = KEY.exec(key);
    if (!match) {
      fail(key, 'unknownField', `${key} is not a known parameter`);
      continue;
    }
    const [, group, name = '', op] = match;
    if (group === 'page') {
      if (op) fail(key, 'unknownField', `${key} is not a known parameter`);
      else page[name] = value;
      continue;
    }
    const field = spec.filterable[name];
    const operator = (op ?? 'eq') as Operator;
    if (!field) fail(key, 'unknownField', `filter field "${name}" is not filterable`);
    else if (!field.ops.includes(operator))
      fail(key, 'operator', `operator "${operator}" is not allowed on ${name}`);
    else {
      const parsed = parseValue(operator, field.type, value);
      if (parsed.error) fail(key, 'type', `${key} ${parsed.error}`);
      else conditions.push({ field: name, op: operator, value: parsed.value });
    }
  }
  const sort = parseSort(sortRaw ?? spec.defaultSort.join(','), spec, fail);
  const pageRequest = parsePage(page, spec, fail);
  if (issues.length > 0) throw new ValidationError(issues);
  return { conditions, sort, page: pageRequest };
}

function parseSort(raw: string, spec: ListSpec, fail: (p: string, r: string, m: string) => void): SortKey[] {
  const keys: SortKey[] = [];
  for (const part of raw.split(',')) {
    const field = part.startsWith('-') ? part.slice(1) : part;
    if (!spec.sortable.includes(field)) {
      fail('sort', 'unknownField', `sort field "${field.slice(0, 64)}" is not sortable`);
    } else if (keys.some((k) => k.field === field)) {
      fail('sort', 'duplicate', `sort field "${field}" is repeated`);
    } else keys.push({ field, direction: part.startsWith('-') ? 'DESC' : 'ASC' });
  }
  return keys;
}

function parsePage(
  page: Record<string, string>,
  spec: ListSpec,
  fail: (p: string, r: string, m: string) => void,
) {
  const max = spec.maxPageSize ?? 100;
  const size = positiveInt(page.size ?? String(spec.defaultPageSize ?? 20));
  if (size === undefined || size > max)
    fail('page[size]', 'range', `page[size] must be an integer from 1 to ${max}`);
  for (const key of Object.keys(page)) {
    if (!['size', 'number', 'after', 'total'].includes(key)) {
      fail(`page[${key}]`, 'unknownField', `page[${key}] is not a known parameter`);
    }
  }
  if (page.after !== undefined && page.number !== undefined) {
    fail('page', 'exclusive', 'page[after] and page[number] cannot be combined');
  }
  if (page.after !== undefined) {
    return { kind: 'cursor', size: size ?? 20, after: page.after || undefined } as const;
  }
  const number = positiveInt(page.number ?? '1');
  if (number === undefined) fail('page[number]', 'range', 'page[number] must be a positive integer');
  if (page.total !== undefined && !['true', 'false'].includes(page.total)) {
    fail('page[total]', 'type', 'page[total] must be true or false');
  }
  return {
    kind: 'offset',
    number: number ?? 1,
    size: size ?? 20,
    withTotal: page.total !== 'false',
  } as const;
}

function positiveInt(raw: string): number | undefined {
  return /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : undefined;
}

function parseValue(op: Operator, type: FieldType, raw: string): { value?: unknown; error?: string } {
  if (op === 'isNull') {
    if (raw !== 'true' && raw !== 'false') return { error: 'must be true or false' };
    return { value: raw === 'true' };
  }
  if (op === 'in') {
    const parts = raw.split(',');
    if (parts.length > 100) return { error: 'takes at most 100 values' };
    const values: unknown[] = [];
    for (const part of parts) {
      const one = scalar(type, part);
      if (one.error) return one;
      values.push(one.value);
    }
    return { value: values };
  }
  if (op === 'like' || op === 'ilike') {
    if (type !== 'string') return { error: 'only applies to text' };
    if (raw.length > 200) return { error: 'is longer than 200 characters' };
    return { value: raw };
  }
  return scalar(type, raw);
}

function scalar(type: FieldType, raw: string): { value?: unknown; error?: string } {
  switch (type) {
    case 'string':
      return raw.length > 200 ? { error: 'is longer than 200 characters' } : { value: raw };
    case 'integer':
      return /^-?[0-9]{1,10}$/.test(raw) ? { value: Number(raw) } : { error: 'must be an integer' };
    case 'decimal':
      return /^-?[0-9]{1,10}(\.[0-9]{1,2})?$/.test(raw)
        ? { value: raw }
        : { error: 'must be a decimal number' };
    case 'uuid':
      return UUID.test(raw) ? { value: raw.toLowerCase() } : { error: 'must be a UUID' };
    case 'date':
      return Number.isNaN(Date.parse(raw)) || !/^\d{4}-\d{2}-\d{2}/.test(raw)
        ? { error: 'must be an ISO 8601 date' }
        : { value: new Date(raw) };
  }
}
