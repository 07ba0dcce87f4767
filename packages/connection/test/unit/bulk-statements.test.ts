import { describe, expect, it } from 'vitest';
import { toArrayLiteral, toNestedArrayLiteral } from '../../src/bulk/array-literal.js';
import {
  conflictClause,
  copyFromSql,
  MAX_BIND_PARAMETERS,
  maxRowsPerValuesStatement,
  quoteTable,
  unnestInsertSql,
  valuesInsertSql,
} from '../../src/bulk/statements.js';

describe('maxRowsPerValuesStatement', () => {
  it('should keep rows x columns within 65,535 parameters', () => {
    for (const columns of [1, 3, 7, 20, 1000, 70_000]) {
      const rows = maxRowsPerValuesStatement(columns);
      expect(rows).toBeGreaterThanOrEqual(1);
      if (columns <= MAX_BIND_PARAMETERS) expect(rows * columns).toBeLessThanOrEqual(MAX_BIND_PARAMETERS);
    }
    expect(maxRowsPerValuesStatement(7)).toBe(9362);
  });
});

describe('conflictClause', () => {
  const columns = ['code', 'name', 'meta'];
  const update = { columns: ['code'], action: 'update' } as const;
  const nothing = { columns: ['code'], action: 'nothing' } as const;

  it('should be empty for a plain insert', () => {
    expect(conflictClause(undefined, columns, 'postgres')).toBe('');
  });

  it('should update only rows whose values differ on PostgreSQL, comparing json as text', () => {
    expect(conflictClause(update, columns, 'postgres', new Map([['meta', 'json']]))).toBe(
      ' ON CONFLICT ("code") DO UPDATE SET "name" = EXCLUDED."name", "meta" = EXCLUDED."meta" WHERE ("existing"."name", "existing"."meta"::text) IS DISTINCT FROM (EXCLUDED."name", EXCLUDED."meta"::text)',
    );
  });

  it('should do nothing on conflict for action nothing', () => {
    expect(conflictClause(nothing, columns, 'postgres')).toBe(' ON CONFLICT ("code") DO NOTHING');
    expect(conflictClause(nothing, columns, 'mysql')).toBe(' ON DUPLICATE KEY UPDATE `code` = `code`');
  });

  it('should use ON DUPLICATE KEY UPDATE on MariaDB', () => {
    expect(conflictClause(update, columns, 'mysql')).toBe(
      ' ON DUPLICATE KEY UPDATE `name` = VALUES(`name`), `meta` = VALUES(`meta`)',
    );
  });
});

describe('statements', () => {
  it('should build one array parameter per column for unnest', () => {
    expect(unnestInsertSql('"users"', ['id', 'email'], ['integer', 'character varying(200)'], '')).toBe(
      'INSERT INTO "users" AS "existing" ("id", "email") SELECT * FROM unnest($1::integer[], $2::character varying(200)[]) AS s("id", "email")',
    );
  });

  it('should number VALUES placeholders row by row', () => {
    expect(valuesInsertSql('`t`', ['a', 'b'], 2, 'mysql', '')).toBe(
      'INSERT INTO `t` (`a`, `b`) VALUES ($1, $2), ($3, $4)',
    );
  });

  it('should quote table, schema and columns of a COPY', () => {
    expect(copyFromSql(quoteTable('shop.order items', 'postgres'), ['id', 'say "hi"'])).toBe(
      'COPY "shop"."order items" ("id", "say ""hi""") FROM STDIN',
    );
    expect(quoteTable({ schema: 'a.b', name: 't' }, 'postgres')).toBe('"a.b"."t"');
  });
});

describe('toArrayLiteral', () => {
  it('should quote and escape every kind of value', () => {
    const literal = toArrayLiteral(
      [
        'plain',
        'quote " and \\ backslash',
        null,
        undefined,
        42,
        Number.NaN,
        10n,
        true,
        false,
        new Date('2024-01-02T03:04:05.678Z'),
        Buffer.from([0xde, 0xad]),
        { tags: ['a', 'b"c'] },
      ],
      'c',
    );
    expect(literal).toBe(
      '{"plain","quote \\" and \\\\ backslash",NULL,NULL,42,"NaN",10,t,f,"2024-01-02T03:04:05.678Z","\\\\xdead","{\\"tags\\":[\\"a\\",\\"b\\\\\\"c\\"]}"}',
    );
  });

  it('should JSON-encode every value of a json column, strings included', () => {
    expect(toArrayLiteral(['x', { a: 1 }, null], 'doc', true)).toBe('{"\\"x\\"","{\\"a\\":1}",NULL}');
  });

  it('should nest the literal of a multi-dimensional array value', () => {
    expect(
      toNestedArrayLiteral(
        [
          [1, 2],
          [3, null],
        ],
        'grid',
      ),
    ).toBe('{{1,2},{3,NULL}}');
  });

  it('should refuse an invalid Date naming the column', () => {
    expect(() => toArrayLiteral([new Date(Number.NaN)], 'at')).toThrow(/rows\.at: Invalid Date/);
  });
});
