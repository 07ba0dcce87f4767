import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  ConstraintViolationError,
  DalkitError,
  ErrorCode,
  HTTP_STATUS_BY_CODE,
  isDalkitError,
  NotFoundError,
  ValidationError,
} from '../../src/index.js';

describe('DalkitError', () => {
  it('should carry a stable code, the cause and frozen details', () => {
    const cause = new Error('driver said no');
    const error = new DalkitError(ErrorCode.QUERY_FAILED, 'boom', { cause, details: { table: 'users' } });
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.cause).toBe(cause);
    expect(Object.isFrozen(error.details)).toBe(true);
    expect(error.toJSON()).toEqual({
      name: 'DalkitError',
      code: 'QUERY_FAILED',
      message: 'boom',
      details: { table: 'users' },
    });
  });

  it('should be recognised by isDalkitError across copies, by brand rather than prototype', () => {
    const error = new NotFoundError('User', 42);
    const copy = Object.assign(Object.create(Error.prototype), error);
    Object.defineProperty(copy, Symbol.for('dalkit.error'), { value: true });
    expect(isDalkitError(error, 'NOT_FOUND')).toBe(true);
    expect(isDalkitError(copy)).toBe(true);
    expect(isDalkitError(new Error('plain'))).toBe(false);
    expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(false);
  });

  it('should name every bad key, its source and what was expected in a ConfigError', () => {
    const error = new ConfigError([
      { key: 'DB_POOL_MAX', source: 'environment', expected: 'an integer >= DB_POOL_MIN', received: '"abc"' },
      { key: 'url', source: '/app/dalkit.config.json', expected: 'a connection URL' },
    ]);
    expect(error.message).toContain(
      'DB_POOL_MAX must be an integer >= DB_POOL_MIN (got "abc" from environment)',
    );
    expect(error.message).toContain('url must be a connection URL (missing from /app/dalkit.config.json)');
    expect(error.issues).toHaveLength(2);
  });

  it('should give each constraint kind its own code and an HTTP status', () => {
    const unique = new ConstraintViolationError(
      { kind: 'unique', constraint: 'users_email_key', columns: ['email'] },
      'dup',
    );
    expect(unique.code).toBe('UNIQUE_VIOLATION');
    expect(HTTP_STATUS_BY_CODE[unique.code]).toBe(409);
    expect(new ConstraintViolationError({ kind: 'foreign_key' }, 'fk').code).toBe('FOREIGN_KEY_VIOLATION');
    const invalid = new ValidationError([
      { path: 'email', rule: 'email', message: 'email must be an email address' },
    ]);
    expect(HTTP_STATUS_BY_CODE[invalid.code]).toBe(400);
    expect(invalid.message).toContain('email must be an email address');
  });
});
