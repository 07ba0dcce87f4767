import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ConnectionError,
  mapDatabaseError,
  QueryError,
  TimeoutError,
  TransientError,
  ValidationError,
} from '../../src/index.js';

/** An error shaped like the one a driver raised, wrapped the way Sequelize wraps it. */
function wrapped(name: string, driver: Record<string, unknown>, extra: Record<string, unknown> = {}): Error {
  const parent = Object.assign(new Error(String(driver.message ?? 'driver error')), driver);
  return Object.assign(new Error(parent.message), { name, parent, original: parent, ...extra });
}

describe('mapDatabaseError (PostgreSQL SQLSTATEs)', () => {
  it.each([
    ['40001', 'serialization'],
    ['40P01', 'deadlock'],
    ['55P03', 'lock_timeout'],
    ['57P01', 'connection'],
    ['57P02', 'connection'],
    ['57P03', 'unavailable'],
    ['53300', 'unavailable'],
    ['08006', 'connection'],
    ['08003', 'connection'],
  ])('should map %s to a TransientError (%s)', (code, reason) => {
    const error = wrapped('SequelizeDatabaseError', { code, severity: 'ERROR' });
    const mapped = mapDatabaseError(error);
    expect(mapped).toBeInstanceOf(TransientError);
    expect(mapped).toMatchObject({ reason, attempts: 1, details: { sqlState: code } });
    expect((mapped as Error).cause).toBe(error);
  });

  it('should map 57014 to a TimeoutError and never retry 22xxx, 28xxx or 42xxx', () => {
    expect(mapDatabaseError(wrapped('SequelizeDatabaseError', { code: '57014' }))).toBeInstanceOf(
      TimeoutError,
    );
    for (const code of ['22P02', '28P01', '42601']) {
      const mapped = mapDatabaseError(
        wrapped('SequelizeDatabaseError', { code, message: 'invalid input: "s3cret"' }),
      );
      expect(mapped).toBeInstanceOf(QueryError);
      expect((mapped as QueryError).sqlState).toBe(code);
      expect((mapped as Error).message).not.toContain('s3cret');
    }
  });

  it('should read columns from a constraint detail without its values', () => {
    const mapped = mapDatabaseError(
      wrapped('SequelizeUniqueConstraintError', {
        code: '23505',
        constraint: 'orders_pair_key',
        table: 'orders',
        detail: 'Key (customer_id, "Number")=(7, s3cret) already exists.',
      }),
    );
    expect(mapped).toMatchObject({
      constraint: 'orders_pair_key',
      table: 'orders',
      columns: ['customer_id', 'Number'],
    });
    expect((mapped as Error).message).toBe(
      'Unique constraint "orders_pair_key" violated on orders (customer_id, Number)',
    );
  });

  it('should accept a raw pg error that Sequelize did not wrap', () => {
    const raw = Object.assign(new Error('deadlock detected'), { code: '40P01', severity: 'ERROR' });
    expect(mapDatabaseError(raw)).toMatchObject({ code: 'TRANSIENT', reason: 'deadlock', cause: raw });
  });
});

describe('mapDatabaseError (MariaDB / MySQL error numbers)', () => {
  const mysql = (errno: number, code: string, sqlMessage: string, extra: Record<string, unknown> = {}) =>
    wrapped(
      'SequelizeDatabaseError',
      { errno, code, sqlState: 'HY000', sqlMessage, message: sqlMessage },
      extra,
    );

  it.each([
    [1213, 'ER_LOCK_DEADLOCK', 'deadlock'],
    [1205, 'ER_LOCK_WAIT_TIMEOUT', 'lock_timeout'],
    [1040, 'ER_CON_COUNT_ERROR', 'unavailable'],
    [2013, 'CR_SERVER_LOST', 'connection'],
    [1927, 'ER_CONNECTION_KILLED', 'connection'],
  ])('should map %s (%s) to a TransientError (%s)', (errno, code, reason) => {
    expect(mapDatabaseError(mysql(errno, code, 'x'))).toMatchObject({
      code: 'TRANSIENT',
      reason,
      details: { sqlState: String(errno) },
    });
  });

  it('should map statement timeouts of MariaDB (1969) and MySQL (3024)', () => {
    expect(
      mapDatabaseError(mysql(1969, 'ER_STATEMENT_TIMEOUT', 'Query execution was interrupted')),
    ).toBeInstanceOf(TimeoutError);
    expect(
      mapDatabaseError(mysql(3024, 'ER_QUERY_TIMEOUT', 'Query execution was interrupted')),
    ).toBeInstanceOf(TimeoutError);
  });

  it('should parse a parent-row foreign key failure and a missing default', () => {
    const fk = mysql(
      1451,
      'ER_ROW_IS_REFERENCED_2',
      'Cannot delete or update a parent row: a foreign key constraint fails (`shop`.`books`, CONSTRAINT `books_author_fk` FOREIGN KEY (`author_id`, `tenant_id`) REFERENCES `authors` (`id`, `tenant_id`))',
    );
    expect(mapDatabaseError(fk)).toMatchObject({
      kind: 'foreign_key',
      constraint: 'books_author_fk',
      table: 'books',
      columns: ['author_id', 'tenant_id'],
    });
    const noDefault = mysql(1364, 'ER_NO_DEFAULT_FOR_FIELD', "Field 'email' doesn't have a default value", {
      sql: 'INSERT INTO `shop`.`users` (`name`) VALUES (?)',
    });
    expect(mapDatabaseError(noDefault)).toMatchObject({
      kind: 'not_null',
      table: 'users',
      columns: ['email'],
    });
  });

  it('should never repeat the duplicated value of ER_DUP_ENTRY', () => {
    const mapped = mapDatabaseError(
      mysql(1062, 'ER_DUP_ENTRY', "Duplicate entry 's3cret@x.io' for key 'users.users_email_key'"),
    );
    expect(mapped).toMatchObject({ kind: 'unique', constraint: 'users_email_key', columns: [] });
    expect((mapped as Error).message).not.toContain('s3cret');
  });
});

describe('mapDatabaseError (Sequelize and connection errors)', () => {
  it('should map lost connections that carry no SQLSTATE to TransientError', () => {
    expect(
      mapDatabaseError(wrapped('SequelizeDatabaseError', { message: 'Connection terminated unexpectedly' })),
    ).toMatchObject({
      reason: 'connection',
    });
    expect(
      mapDatabaseError(wrapped('SequelizeDatabaseError', { code: 'ECONNRESET', errno: -104 })),
    ).toMatchObject({
      reason: 'connection',
    });
  });

  it('should leave Node errors that did not come through the database alone', () => {
    const fetchFailure = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', errno: -104 });
    expect(mapDatabaseError(fetchFailure)).toBe(fetchFailure);
  });

  it('should map connect failures, pool exhaustion and stale versions', () => {
    expect(
      mapDatabaseError(wrapped('SequelizeConnectionRefusedError', { code: 'ECONNREFUSED' })),
    ).toBeInstanceOf(ConnectionError);
    expect(
      mapDatabaseError(
        Object.assign(new Error('acquire'), { name: 'SequelizeConnectionAcquireTimeoutError' }),
      ),
    ).toBeInstanceOf(TimeoutError);
    expect(
      mapDatabaseError(Object.assign(new Error('stale'), { name: 'SequelizeOptimisticLockError' })),
    ).toBeInstanceOf(ConflictError);
  });

  it('should turn a bulkCreate aggregate of validation errors into one ValidationError with indexed paths', () => {
    const record = (path: string) =>
      Object.assign(new Error('record'), {
        name: 'SequelizeBulkRecordError',
        errors: { errors: [{ path, validatorKey: 'isEmail', message: `${path} is invalid` }] },
      });
    const aggregate = Object.assign(new Error('aggregate'), {
      name: 'AggregateError',
      errors: [record('email'), record('email')],
    });
    const mapped = mapDatabaseError(aggregate);
    expect(mapped).toBeInstanceOf(ValidationError);
    expect((mapped as ValidationError).issues.map((i) => i.path)).toEqual(['[0].email', '[1].email']);
  });
});
