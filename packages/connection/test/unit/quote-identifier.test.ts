import { describe, expect, it } from 'vitest';
import { quoteIdentifier } from '../../src/index.js';

describe('quoteIdentifier', () => {
  it('should quote with double quotes on postgres and backticks on mariadb/mysql', () => {
    expect(quoteIdentifier('users', 'postgres')).toBe('"users"');
    expect(quoteIdentifier('users', 'mariadb')).toBe('`users`');
    expect(quoteIdentifier('users', 'mysql')).toBe('`users`');
  });
  it('should double a quote inside the name so it cannot end the identifier', () => {
    expect(quoteIdentifier('a"; DROP TABLE x; --', 'postgres')).toBe('"a""; DROP TABLE x; --"');
    expect(quoteIdentifier('a`b', 'mariadb')).toBe('`a``b`');
  });
});
