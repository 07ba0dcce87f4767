import { describe, expect, it } from 'vitest';
import { IsolationLevel, rowLockOptions, TransactionStateError, ValidationError } from '../../src/index.js';
import { mariadbLockName, postgresLockKey } from '../../src/transactions/advisory-lock.js';
import { assertTransactionOptions, beginStatements } from '../../src/transactions/dialect-rules.js';

describe('beginStatements', () => {
  it('should open a PostgreSQL transaction with every characteristic in one statement', () => {
    expect(beginStatements('postgres', {})).toEqual(['START TRANSACTION']);
    expect(
      beginStatements('postgres', { isolationLevel: IsolationLevel.SERIALIZABLE, readOnly: true }),
    ).toEqual(['START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY']);
  });

  it('should set a MariaDB isolation level for the next transaction only, never for the session', () => {
    expect(
      beginStatements('mariadb', { isolationLevel: IsolationLevel.READ_COMMITTED, readOnly: true }),
    ).toEqual(['SET TRANSACTION ISOLATION LEVEL READ COMMITTED', 'START TRANSACTION READ ONLY']);
  });
});

describe('assertTransactionOptions', () => {
  it('should accept the defaults and every valid value', () => {
    expect(() => assertTransactionOptions('postgres', {})).not.toThrow();
    expect(() =>
      assertTransactionOptions('mariadb', {
        propagation: 'requiresNew',
        isolationLevel: IsolationLevel.READ_UNCOMMITTED,
        readOnly: false,
        timeoutMs: 1,
        retry: { maxAttempts: 1, initialDelayMs: 0, maxDelayMs: 0 },
      }),
    ).not.toThrow();
  });

  it.each([
    [{ retry: { maxAttempts: 0 } }, 'retry.maxAttempts'],
    [{ retry: { initialDelayMs: -1 } }, 'retry.initialDelayMs'],
    [{ timeoutMs: 1.5 }, 'timeoutMs'],
    [{ readOnly: 'yes' }, 'readOnly'],
    [{ isolationLevel: IsolationLevel.READ_UNCOMMITTED }, 'isolationLevel'],
  ])('should refuse %j naming %s', (options, option) => {
    let thrown: unknown;
    try {
      assertTransactionOptions('postgres', options as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TransactionStateError);
    expect(thrown).toMatchObject({ details: { option } });
  });
});

describe('advisory lock keys', () => {
  it('should derive a stable signed 64-bit key from a name and keep integers as they are', () => {
    expect(postgresLockKey('jobs')).toBe(postgresLockKey('jobs'));
    expect(postgresLockKey('jobs')).not.toBe(postgresLockKey('jobs2'));
    expect(BigInt(postgresLockKey('jobs'))).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(postgresLockKey(42)).toBe('42');
    expect(postgresLockKey(-(2n ** 63n))).toBe('-9223372036854775808');
    expect(() => postgresLockKey(2n ** 63n)).toThrow(ValidationError);
  });

  it('should scope a MariaDB lock name to its database and keep it within 64 characters', () => {
    const name = mariadbLockName('shop', 'x'.repeat(500));
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).not.toBe(mariadbLockName('other_shop', 'x'.repeat(500)));
    expect(mariadbLockName('shop', 7)).toBe(mariadbLockName('shop', 7n));
  });
});

describe('rowLockOptions', () => {
  it('should map each row lock to Sequelize find options', () => {
    expect(rowLockOptions('update')).toEqual({ lock: 'UPDATE', skipLocked: false });
    expect(rowLockOptions('share skip locked')).toEqual({ lock: 'SHARE', skipLocked: true });
    expect(() => rowLockOptions('toString' as never)).toThrow(ValidationError);
  });
});
