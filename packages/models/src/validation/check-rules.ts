import type { ValidationIssue } from '@dalkit/connection';
import type { AttributeRules, Bounds, CustomRule } from './rules.js';

const EMAIL =
  /^[^\s@"'<>()[\]\\,;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const EMAIL_MAX_LENGTH = 254;

function message<T extends object>(option: boolean | T | undefined, fallback: string): string {
  return typeof option === 'object' &&
    option !== null &&
    'message' in option &&
    typeof option.message === 'string'
    ? option.message
    : fallback;
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function describeBounds(bounds: Bounds, unit: string): string {
  if (bounds.min !== undefined && bounds.max !== undefined)
    return `between ${bounds.min} and ${bounds.max}${unit}`;
  if (bounds.min !== undefined) return `at least ${bounds.min}${unit}`;
  return `at most ${bounds.max}${unit}`;
}

function outOf(bounds: Bounds, n: number): boolean {
  return (bounds.min !== undefined && n < bounds.min) || (bounds.max !== undefined && n > bounds.max);
}

function checkLength(path: string, value: unknown, bounds: Bounds): ValidationIssue | undefined {
  const text = typeof value === 'string' ? value : undefined;
  if (text !== undefined && !outOf(bounds, [...text].length)) return undefined;
  const fallback = `${path} must be ${text === undefined ? 'a string ' : ''}${describeBounds(bounds, ' characters long')}`;
  return { path, rule: 'length', message: bounds.message ?? fallback };
}

function checkRange(path: string, value: unknown, bounds: Bounds): ValidationIssue | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  if (Number.isFinite(n) && !outOf(bounds, n)) return undefined;
  return {
    path,
    rule: 'range',
    message: bounds.message ?? `${path} must be a number ${describeBounds(bounds, '')}`,
  };
}

function checkPattern(
  path: string,
  value: unknown,
  rule: NonNullable<AttributeRules['pattern']>,
): ValidationIssue | undefined {
  const regex = rule instanceof RegExp ? rule : rule.regex;
  regex.lastIndex = 0;
  if (typeof value === 'string' && regex.test(value)) return undefined;
  return {
    path,
    rule: 'pattern',
    message: message(rule instanceof RegExp ? undefined : rule, `${path} must match ${regex}`),
  };
}

function checkEnum(
  path: string,
  value: unknown,
  rule: NonNullable<AttributeRules['enum']>,
): ValidationIssue | undefined {
  const values = Array.isArray(rule) ? rule : (rule as { values: readonly (string | number)[] }).values;
  if (values.includes(value as string | number)) return undefined;
  const fallback = `${path} must be one of: ${values.join(', ')}`;
  return {
    path,
    rule: 'enum',
    message: Array.isArray(rule) ? fallback : message(rule as { message?: string }, fallback),
  };
}

function checkCustom(
  path: string,
  value: unknown,
  rules: CustomRule | readonly CustomRule[],
  row: Readonly<Record<string, unknown>>,
): ValidationIssue[] {
  const list: readonly CustomRule[] = typeof rules === 'function' ? [rules] : rules;
  return list.flatMap((rule) => {
    const failure = rule(value, row);
    return typeof failure === 'string' ? [{ path, rule: 'custom', message: failure }] : [];
  });
}

/**
 * Checks one value against its rules; returns every failing rule. A blank value fails only
 * `required`, and skips the other rules (an optional field may be left empty).
 */
export function checkRules(
  path: string,
  value: unknown,
  rules: AttributeRules,
  row: Readonly<Record<string, unknown>> = {},
): ValidationIssue[] {
  if (isBlank(value)) {
    return rules.required
      ? [{ path, rule: 'required', message: message(rules.required, `${path} is required`) }]
      : [];
  }
  const issues: (ValidationIssue | undefined)[] = [];
  if (rules.length) issues.push(checkLength(path, value, rules.length));
  if (rules.pattern) issues.push(checkPattern(path, value, rules.pattern));
  if (rules.range) issues.push(checkRange(path, value, rules.range));
  if (rules.email && !(typeof value === 'string' && value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value))) {
    issues.push({
      path,
      rule: 'email',
      message: message(rules.email, `${path} must be a valid e-mail address`),
    });
  }
  if (rules.enum) issues.push(checkEnum(path, value, rules.enum));
  const defined = issues.filter((issue): issue is ValidationIssue => issue !== undefined);
  return rules.custom ? [...defined, ...checkCustom(path, value, rules.custom, row)] : defined;
}
