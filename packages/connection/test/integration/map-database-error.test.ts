import { describeEachTarget } from '@dalkit/testing/vitest';
import { DataTypes, type Model, type ModelStatic, QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConstraintViolationError,
  createDatabase,
  type Database,
  isDalkitError,
  mapDatabaseError,
  QueryError,
  silentLogger,
  TimeoutError,
  TransientError,
  ValidationError,
} from '../../src/index.js';

const SECRET_EMAIL = 'very-secret-value@example.com';

const POSTGRES_SCHEMA = [
  `CREATE TABLE authors (
     id serial PRIMARY KEY,
     email varchar(100) NOT NULL CONSTRAINT authors_email_key UNIQUE,
     age int CONSTRAINT authors_age_positive CHECK (age > 0))`,
  `CREATE TABLE books (
     id serial PRIMARY KEY,
     author_id int NOT NULL CONSTRAINT books_author_id_fkey REFERENCES authors (id) ON DELETE RESTRICT)`,
];
const MARIADB_SCHEMA = [
  `CREATE TABLE authors (
     id int AUTO_INCREMENT PRIMARY KEY,
     email varchar(100) NOT NULL,
     age int,
     CONSTRAINT authors_email_key UNIQUE (email),
     CONSTRAINT authors_age_positive CHECK (age > 0)) ENGINE=InnoDB`,
  `CREATE TABLE books (
     id int AUTO_INCREMENT PRIMARY KEY,
     author_id int NOT NULL,
     CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE RESTRICT) ENGINE=InnoDB`,
];

/** Runs `action`, expects it to fail, and returns the mapped error. */
async function mappedFailure(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    const mapped = mapDatabaseError(error);
    expect(mapped).not.toBe(error);
    expect((mapped as Error).cause).toBe(error);
    expect((mapped as Error).message).not.toContain(SECRET_EMAIL);
    return mapped;
  }
  throw new Error('expected the action to fail');
}

function openDatabase(url: string, maxConnections: number): Database {
  return createDatabase(
    { url, pool: { max: maxConnections === 1 ? 1 : 3, min: 0 } },
    { logger: silentLogger, env: false },
  );
}

describeEachTarget('mapDatabaseError', (suite) => {
  let db: Database;
  let Author: ModelStatic<Model>;
  const insert = (sql: string, bind: unknown[]) => db.sequelize.query(sql, { bind });

  beforeAll(async () => {
    db = openDatabase(suite.database.url, suite.database.maxConnections);
    for (const sql of suite.target === 'mariadb' ? MARIADB_SCHEMA : POSTGRES_SCHEMA)
      await db.sequelize.query(sql);
    Author = db.sequelize.define(
      'Author',
      {
        email: {
          type: DataTypes.STRING(100),
          allowNull: false,
          unique: 'authors_email_key',
          validate: { isEmail: true },
        },
        age: { type: DataTypes.INTEGER, validate: { min: 1 } },
      },
      { tableName: 'authors', timestamps: false },
    );
    await insert('INSERT INTO authors (email, age) VALUES ($1, $2)', [SECRET_EMAIL, 30]);
  });
  afterAll(() => db.close());

  it('should map a unique violation from raw SQL with constraint and table, never the value', async () => {
    const error = await mappedFailure(() =>
      insert('INSERT INTO authors (email) VALUES ($1)', [SECRET_EMAIL]),
    );
    expect(error).toBeInstanceOf(ConstraintViolationError);
    expect(error).toMatchObject({
      code: 'UNIQUE_VIOLATION',
      kind: 'unique',
      constraint: 'authors_email_key',
      table: 'authors',
    });
    if (suite.target !== 'mariadb') expect((error as ConstraintViolationError).columns).toEqual(['email']);
  });

  it('should map a unique violation from a model with the columns of its unique key', async () => {
    const error = await mappedFailure(() => Author.create({ email: SECRET_EMAIL }));
    expect(error).toMatchObject({
      code: 'UNIQUE_VIOLATION',
      constraint: 'authors_email_key',
      table: 'authors',
      columns: ['email'],
    });
  });

  it('should map a foreign key violation with constraint, table and columns', async () => {
    const error = await mappedFailure(() => insert('INSERT INTO books (author_id) VALUES ($1)', [999]));
    expect(error).toMatchObject({
      code: 'FOREIGN_KEY_VIOLATION',
      kind: 'foreign_key',
      constraint: 'books_author_id_fkey',
      table: 'books',
      columns: ['author_id'],
    });
  });

  it('should map a refused delete of a referenced row (RESTRICT) to a foreign key violation', async () => {
    const [author] = await db.sequelize.query<{ id: number }>('SELECT id FROM authors WHERE email = $1', {
      bind: [SECRET_EMAIL],
      type: QueryTypes.SELECT,
    });
    await insert('INSERT INTO books (author_id) VALUES ($1)', [author?.id]);
    const error = await mappedFailure(() =>
      db.sequelize.query('DELETE FROM authors WHERE id = $1', { bind: [author?.id] }),
    );
    expect(error).toMatchObject({
      code: 'FOREIGN_KEY_VIOLATION',
      kind: 'foreign_key',
      constraint: 'books_author_id_fkey',
    });
  });

  it('should map a not-null violation with table and column', async () => {
    const error = await mappedFailure(() =>
      insert('INSERT INTO authors (email, age) VALUES ($1, $2)', [null, 5]),
    );
    expect(error).toMatchObject({
      code: 'NOT_NULL_VIOLATION',
      kind: 'not_null',
      table: 'authors',
      columns: ['email'],
    });
  });

  it('should map a check violation with its constraint and table', async () => {
    const error = await mappedFailure(() =>
      insert('INSERT INTO authors (email, age) VALUES ($1, $2)', ['b@example.com', -1]),
    );
    expect(error).toMatchObject({
      code: 'CHECK_VIOLATION',
      kind: 'check',
      constraint: 'authors_age_positive',
      table: 'authors',
    });
  });

  it('should map a Sequelize validation error to a ValidationError listing every field', async () => {
    const error = await mappedFailure(() => Author.create({ email: 'not-an-email', age: 0 }));
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues.map((i) => [i.path, i.rule])).toEqual([
      ['email', 'isEmail'],
      ['age', 'min'],
    ]);
  });

  it('should map an unknown table to a QueryError carrying the SQLSTATE or error number', async () => {
    const error = await mappedFailure(() => db.sequelize.query('SELECT * FROM no_such_table'));
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).sqlState).toBe(suite.target === 'mariadb' ? '1146' : '42P01');
    expect((error as QueryError).message).toContain('no_such_table');
  });

  it('should keep a syntax error message free of the statement text', async () => {
    const error = await mappedFailure(() => db.sequelize.query(`SELECT '${SECRET_EMAIL}' FROMM authors`));
    expect(error).toMatchObject({
      code: 'QUERY_FAILED',
      sqlState: suite.target === 'mariadb' ? '1064' : '42601',
    });
  });

  it('should pass dalkit errors and errors that are not from the database through unchanged', () => {
    const own = new TransientError('deadlock', 'x');
    const plain = new TypeError('a bug');
    expect(mapDatabaseError(own)).toBe(own);
    expect(mapDatabaseError(plain)).toBe(plain);
    expect(mapDatabaseError('text')).toBe('text');
    expect(isDalkitError(mapDatabaseError(own), 'TRANSIENT')).toBe(true);
  });
});

describeEachTarget(
  'mapDatabaseError on statement timeouts (PGlite does not enforce statement_timeout)',
  (suite) => {
    let db: Database;
    beforeAll(() => {
      db = openDatabase(suite.database.url, 1); // one connection: the session setting below stays on it
    });
    afterAll(() => db.close());

    it('should map a statement timeout to a TimeoutError', async () => {
      const sleep =
        suite.target === 'mariadb'
          ? () => db.sequelize.query('SET STATEMENT max_statement_time = 0.1 FOR SELECT SLEEP(2)')
          : async () => {
              await db.sequelize.query('SET statement_timeout = 100');
              try {
                await db.sequelize.query('SELECT pg_sleep(2)');
              } finally {
                await db.sequelize.query('RESET statement_timeout');
              }
            };
      const error = await mappedFailure(sleep);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({
        code: 'TIMEOUT',
        details: { sqlState: suite.target === 'mariadb' ? '1969' : '57014' },
      });
    });
  },
  { targets: ['postgres', 'mariadb'] },
);

describe('mapDatabaseError on PostgreSQL only', () => {
  describeEachTarget(
    'exclusion constraints',
    (suite) => {
      let db: Database;
      beforeAll(async () => {
        db = openDatabase(suite.database.url, suite.database.maxConnections);
        await db.sequelize.query(
          'CREATE TABLE bookings (id serial PRIMARY KEY, during tsrange NOT NULL, CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&))',
        );
        await db.sequelize.query(
          "INSERT INTO bookings (during) VALUES ('[2026-01-01 10:00, 2026-01-01 12:00)')",
        );
      });
      afterAll(() => db.close());

      it('should map an exclusion violation with constraint, table and columns', async () => {
        const error = await mappedFailure(() =>
          db.sequelize.query("INSERT INTO bookings (during) VALUES ('[2026-01-01 11:00, 2026-01-01 13:00)')"),
        );
        expect(error).toMatchObject({
          code: 'EXCLUSION_VIOLATION',
          kind: 'exclusion',
          constraint: 'bookings_no_overlap',
          table: 'bookings',
          columns: ['during'],
        });
      });
    },
    { targets: ['embedded', 'postgres'] },
  );
});
