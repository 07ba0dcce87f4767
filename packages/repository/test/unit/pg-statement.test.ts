import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runNode } from '@dalkit/testing';
import { describe, expect, it } from 'vitest';
import { runStatement } from '../../src/_internal/pg-statement.js';
import { textValues } from '../../src/_internal/pg-values.js';

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
    expect(textValues([value], false)).toEqual([prepareValue(value)]);
  });

  it.each([
    ['a Buffer', Buffer.from('x')],
    ['an object', { a: 1 }],
    ['an invalid Date', new Date(Number.NaN)],
    ['a Date before year 1', new Date('-000100-01-01T00:00:00Z')],
    ['a Date after year 9999', new Date('+010000-01-01T00:00:00Z')],
    ['a Buffer in an array', [Buffer.from('x')]],
    ['a nested array', [[1, 2]]],
  ])('should leave %s to pg', (_label, value) => {
    expect(textValues(['first', value], false)).toBeUndefined();
  });
});

describe('textValues with Dates', () => {
  const script = fileURLToPath(new URL('../support/date-sample.ts', import.meta.url));
  const cwd = fileURLToPath(new URL('../..', import.meta.url));

  it.each([
    'UTC',
    'America/New_York',
    'Europe/Dublin',
    'Asia/Kolkata',
    'America/St_Johns',
    'Pacific/Chatham',
    'Australia/Lord_Howe',
  ])('should write Dates as pg does in %s, in local time and in UTC', async (zone) => {
    const run = await runNode(['--import', 'tsx', script], { cwd, env: { TZ: zone } });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { compared: number; declined: number; differences: unknown[] };
    expect(result.differences).toEqual([]);
    expect(result.compared).toBeGreaterThan(4800);
    // Only year 1 written west of UTC (year 0, BC) goes to pg's path.
    expect(result.declined).toBeLessThanOrEqual(1);
  });
});

describe('runStatement', () => {
  const options = {
    name: '',
    types: { getTypeParser: () => String },
    build: () => null,
    retryStale: true,
    utcDates: false,
  };
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
