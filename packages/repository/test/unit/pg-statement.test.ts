import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runStatement, textValues } from '../../src/_internal/pg-statement.js';

/** pg's own serializer of parameter values: the statement path must write exactly what it writes. */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue(value: unknown): unknown;
};

describe('textValues', () => {
  it.each([
    ['a string', 'paid'],
    ['an empty string', ''],
    ['quotes and backslashes', `it's "quoted" \\ back`],
    ['an integer', 42],
    ['a negative float', -0.5],
    ['NaN', Number.NaN],
    ['a bigint past 2^53', 9007199254740993n],
    ['true', true],
    ['false', false],
    ['null', null],
    ['undefined', undefined],
    ['integer keys', [1, 2, 3]],
    ['bigint keys', [9007199254740993n, 1n]],
    ['strings with quotes, backslashes and commas', ['a"b', 'c\\d', 'e,f', '{g}', 'NULL', '']],
    ['nulls in an array', [1, null, undefined, 2]],
    ['an empty array', []],
    ['booleans in an array', [true, false]],
  ])('should write %s as pg does', (_label, value) => {
    expect(textValues([value])).toEqual([prepareValue(value)]);
  });

  it.each([
    ['a Date', new Date('2026-12-04T06:00:00Z')],
    ['a Buffer', Buffer.from('x')],
    ['an object', { a: 1 }],
    ['a Date in an array', [new Date()]],
    ['a nested array', [[1, 2]]],
  ])('should leave %s to pg', (_label, value) => {
    expect(textValues(['first', value])).toBeUndefined();
  });
});

describe('runStatement', () => {
  const options = { name: '', types: { getTypeParser: () => String }, build: () => null, retryStale: true };
  const refuse = () => {
    throw new Error('sent a query');
  };

  it.each([
    ['a pg-native client (no protocol connection)', { native: {}, query: refuse }],
    ['a binary-format client', { connection: {}, binary: true, query: refuse }],
    ['a pipelining client', { connection: {}, pipeline: true, query: refuse }],
  ])('should decline %s, sending nothing', (_label, client) => {
    expect(runStatement(client, 'SELECT 1', [], options)).toBeUndefined();
  });
});
