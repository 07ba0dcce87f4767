import { describe, expect, it } from 'vitest';
import { checkRules } from '../../src/validation/check-rules.js';

describe('checkRules', () => {
  it('should report a missing, null or blank required value', () => {
    for (const value of [undefined, null, '', '   ']) {
      expect(checkRules('name', value, { required: true })).toEqual([
        { path: 'name', rule: 'required', message: 'name is required' },
      ]);
    }
  });

  it('should skip the other rules for an empty optional value', () => {
    expect(checkRules('code', null, { pattern: /^x$/, length: { min: 3 } })).toEqual([]);
  });

  it('should check length in characters, not bytes', () => {
    expect(checkRules('name', 'ab', { length: { min: 3, max: 5 } })[0]).toMatchObject({
      rule: 'length',
      message: 'name must be between 3 and 5 characters long',
    });
    expect(checkRules('name', 'ééé', { length: { max: 3 } })).toEqual([]);
    expect(checkRules('name', 'abcdef', { length: { max: 5 } })[0]?.message).toBe(
      'name must be at most 5 characters long',
    );
  });

  it('should check a pattern', () => {
    expect(checkRules('sku', 'AB-1234', { pattern: /^[A-Z]{2}-\d{4}$/ })).toEqual([]);
    expect(
      checkRules('sku', 'ab-12', {
        pattern: { regex: /^[A-Z]{2}-\d{4}$/, message: 'sku looks like AB-1234' },
      }),
    ).toEqual([{ path: 'sku', rule: 'pattern', message: 'sku looks like AB-1234' }]);
  });

  it('should give a global regular expression the same answer every time', () => {
    const rules = { pattern: /^a+$/g };
    expect(checkRules('x', 'aaa', rules)).toEqual([]);
    expect(checkRules('x', 'aaa', rules)).toEqual([]);
  });

  it('should check a numeric range, inclusive, and refuse non-numbers', () => {
    expect(checkRules('age', 0, { range: { min: 0, max: 150 } })).toEqual([]);
    expect(checkRules('age', 150, { range: { min: 0, max: 150 } })).toEqual([]);
    expect(checkRules('age', -1, { range: { min: 0, max: 150 } })[0]?.message).toBe(
      'age must be a number between 0 and 150',
    );
    expect(checkRules('age', 'old', { range: { min: 0 } })[0]?.rule).toBe('range');
    expect(checkRules('price', '12.50', { range: { min: 0 } })).toEqual([]);
  });

  it('should check e-mail addresses', () => {
    expect(checkRules('email', 'ada@example.com', { email: true })).toEqual([]);
    for (const bad of [
      'ada',
      'ada@',
      '@example.com',
      'ada@example',
      'a b@example.com',
      `${'a'.repeat(250)}@example.com`,
    ]) {
      expect(checkRules('email', bad, { email: true })[0]?.rule).toBe('email');
    }
  });

  it('should check an enumeration', () => {
    expect(checkRules('status', 'active', { enum: ['active', 'blocked'] })).toEqual([]);
    expect(checkRules('status', 'gone', { enum: ['active', 'blocked'] })).toEqual([
      { path: 'status', rule: 'enum', message: 'status must be one of: active, blocked' },
    ]);
    expect(checkRules('status', 'gone', { enum: { values: ['a'], message: 'pick a' } })[0]?.message).toBe(
      'pick a',
    );
  });

  it('should run custom rules with the whole row', () => {
    const endAfterStart = (value: unknown, row: Readonly<Record<string, unknown>>) =>
      Number(value) <= Number(row.start) ? 'end must come after start' : undefined;
    expect(checkRules('end', 5, { custom: endAfterStart }, { start: 1 })).toEqual([]);
    expect(checkRules('end', 1, { custom: [endAfterStart] }, { start: 5 })).toEqual([
      { path: 'end', rule: 'custom', message: 'end must come after start' },
    ]);
  });

  it('should report every failing rule of a value', () => {
    const issues = checkRules('code', 'x', { length: { min: 2 }, pattern: /^\d+$/, enum: ['10', '20'] });
    expect(issues.map((i) => i.rule)).toEqual(['length', 'pattern', 'enum']);
  });
});
