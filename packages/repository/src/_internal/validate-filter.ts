import type { ValidationIssue } from '@dalkit/connection';
import { coerceValue, isLikePattern } from './coerce-value.js';
import { type Condition, OPERATORS, type Operator, type ResolvedField } from './filter-ast.js';
import type { ModelMeta } from './model-meta.js';

/** Limits and mode for {@link validateFilter}. */
export interface FilterRules {
  /** The allowlisted field paths. */
  readonly fields: ReadonlySet<string>;
  /** Values arrive as strings (URL query): accept numeric and boolean spellings. */
  readonly fromString?: boolean;
  /** Most values in one `in`/`notIn` list. */
  readonly maxList: number;
  /** Deepest nesting of and/or/not. */
  readonly maxDepth: number;
}

const COMBINATORS = new Set(['and', 'or', 'not']);
const OPERATOR_SET = new Set<string>(OPERATORS);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Resolves `status` or `user.email` against the model; undefined when it does not exist. */
export function resolveField(meta: ModelMeta, path: string): ResolvedField | undefined {
  const dot = path.indexOf('.');
  if (dot === -1) {
    const attribute = meta.attributes.get(path);
    return attribute && { path, relation: undefined, attribute };
  }
  const relation = meta.relation(path.slice(0, dot));
  const attribute = relation?.target.attributes.get(path.slice(dot + 1));
  return attribute && { path, relation, attribute };
}

class FilterValidator {
  readonly issues: ValidationIssue[] = [];
  constructor(
    private readonly meta: ModelMeta,
    private readonly rules: FilterRules,
  ) {}

  issue(path: string, rule: string, message: string): undefined {
    this.issues.push({ path, rule, message });
    return undefined;
  }

  object(input: unknown, path: string, depth: number): Condition | undefined {
    if (!isPlainObject(input)) return this.issue(path, 'type', `${path} must be an object`);
    if (depth > this.rules.maxDepth) return this.issue(path, 'depth', `${path} is nested too deeply`);
    const items: Condition[] = [];
    for (const [key, value] of Object.entries(input)) {
      const here = `${path}.${key}`;
      const item = COMBINATORS.has(key)
        ? this.combinator(key, value, here, depth)
        : this.field(key, value, here);
      if (item) items.push(item);
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  combinator(key: string, value: unknown, path: string, depth: number): Condition | undefined {
    if (key === 'not') {
      const item = this.object(value, path, depth + 1);
      return item && { kind: 'not', item };
    }
    if (!Array.isArray(value) || value.length === 0 || value.length > this.rules.maxList) {
      return this.issue(
        path,
        'type',
        `${path} must be a non-empty list of at most ${this.rules.maxList} filters`,
      );
    }
    const items = value.map((v, i) => this.object(v, `${path}[${i}]`, depth + 1));
    if (items.some((i) => i === undefined)) return undefined;
    return { kind: key as 'and' | 'or', items: items as Condition[] };
  }

  field(key: string, value: unknown, path: string): Condition | undefined {
    const field = this.rules.fields.has(key) ? resolveField(this.meta, key) : undefined;
    if (!field) return this.issue(path, 'unknownField', `${path} is not a filterable field`);
    if (!isPlainObject(value)) return this.compare(field, 'eq', value, path);
    const entries = Object.entries(value);
    if (entries.length === 0) return this.issue(path, 'type', `${path} must name at least one operator`);
    const items: Condition[] = [];
    for (const [op, operand] of entries) {
      if (!OPERATOR_SET.has(op)) {
        this.issue(`${path}.${op}`, 'unknownOperator', `${path}.${op} is not a filter operator`);
        continue;
      }
      const item = this.compare(field, op as Operator, operand, `${path}.${op}`);
      if (item) items.push(item);
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  compare(field: ResolvedField, op: Operator, operand: unknown, path: string): Condition | undefined {
    const value = this.operand(field, op, operand, path);
    return value === INVALID ? undefined : { kind: 'compare', field, op, value };
  }

  operand(field: ResolvedField, op: Operator, operand: unknown, path: string): unknown {
    const fromString = this.rules.fromString === true;
    if (op === 'isNull') {
      if (typeof operand === 'boolean') return operand;
      if (fromString && (operand === 'true' || operand === 'false')) return operand === 'true';
      return this.invalid(path, `${path} must be true or false`);
    }
    if ((op === 'eq' || op === 'ne') && operand === null) return null;
    if (op === 'like' || op === 'ilike') {
      if (field.attribute.kind !== 'string') return this.invalid(path, `${path} applies to text fields only`);
      if (isLikePattern(operand)) return operand;
      return this.invalid(path, `${path} must be a LIKE pattern (no NUL, no trailing escape character)`);
    }
    if (op === 'in' || op === 'notIn' || op === 'between') {
      const list = fromString && typeof operand === 'string' ? operand.split(',') : operand;
      const size = op === 'between' ? 2 : undefined;
      if (
        !Array.isArray(list) ||
        (size !== undefined && list.length !== size) ||
        list.length > this.rules.maxList
      ) {
        const what = size ? 'a list of two values' : `a list of at most ${this.rules.maxList} values`;
        return this.invalid(path, `${path} must be ${what}`);
      }
      const values = list.map((v, i) => this.scalar(field, v, `${path}[${i}]`));
      return values.includes(INVALID) ? INVALID : values;
    }
    return this.scalar(field, operand, path);
  }

  scalar(field: ResolvedField, value: unknown, path: string): unknown {
    const result = coerceValue(field.attribute, value, this.rules.fromString === true);
    return result.ok ? result.value : this.invalid(path, `${path} must be ${result.expected}`);
  }

  invalid(path: string, message: string): typeof INVALID {
    this.issues.push({ path, rule: 'type', message });
    return INVALID;
  }
}

const INVALID = Symbol('invalid');

/**
 * Validates a filter against the model and the allowlist and normalizes it. Returns the
 * condition (undefined for an empty filter) or every issue found; nothing reaches SQL unchecked.
 */
export function validateFilter(
  meta: ModelMeta,
  input: unknown,
  rules: FilterRules,
): { condition: Condition | undefined; issues: ValidationIssue[] } {
  const validator = new FilterValidator(meta, rules);
  if (input === undefined || input === null) return { condition: undefined, issues: [] };
  if (isPlainObject(input) && Object.keys(input).length === 0) return { condition: undefined, issues: [] };
  const condition = validator.object(input, 'filter', 0);
  return { condition: validator.issues.length ? undefined : condition, issues: validator.issues };
}
