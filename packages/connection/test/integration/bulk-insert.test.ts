import { describeEachTarget } from '@dalkit/testing/vitest';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  type BulkConflict,
  type BulkMethod,
  bulkInsert,
  type Database,
  isDalkitError,
} from '../../src/index.js';
import { openDatabase } from './transactions-fixtures.js';

/** The methods each target can run; the first is what `auto` picks there. */
const METHODS: Record<string, Exclude<BulkMethod, 'auto'>[]> = {
  postgres: ['copy', 'unnest', 'values'],
  embedded: ['unnest', 'values'],
  mariadb: ['values'],
};

/** A method each target cannot run as asked, and why. */
const REFUSED: Record<string, { method: BulkMethod; onConflict?: BulkConflict; message: string }> = {
  postgres: {
    method: 'copy',
    onConflict: { columns: ['id'], action: 'nothing' },
    message: 'method: copy cannot be combined with onConflict',
  },
  embedded: { method: 'copy', message: 'method: copy needs a PostgreSQL server reached through pg' },
  mariadb: { method: 'unnest', message: 'method: unnest needs PostgreSQL' },
};

/** Strings whose escaping each method must get right. */
const LABELS = [
  'tab\there',
  'line\nbreak\r\nand CR\r',
  'back\\slash at the end\\',
  'unicode ✓ 日本語 🚀 ß',
  '',
  null,
  'N',
  '\\N',
  '\\.',
  'NULL',
  `quote " and ' and {brace},comma`,
];

describeEachTarget('bulkInsert', (suite) => {
  let db: Database;
  const methods = METHODS[suite.target] ?? [];
  const select = <T extends object>(sql: string) => db.sequelize.query<T>(sql, { type: QueryTypes.SELECT });

  beforeAll(async () => {
    db = openDatabase(suite.database);
    await db.query(
      'CREATE TABLE items (id INTEGER PRIMARY KEY, code VARCHAR(40) NOT NULL UNIQUE, label TEXT, qty INTEGER)',
    );
  });
  beforeEach(async () => {
    await db.query('DELETE FROM items');
  });
  afterAll(async () => {
    await db.close();
  });

  it(`should pick ${methods[0]} by default`, async () => {
    const result = await bulkInsert(db, { table: 'items', columns: ['id', 'code'], rows: [[1, 'a']] });
    expect(result).toEqual({ rowsSent: 1, rowsAffected: 1, method: methods[0] });
  });

  it.each(methods)('should round-trip tricky strings, NULL and the empty string with %s', async (method) => {
    const rows = LABELS.map((label, i) => ({ id: i + 1, code: `c${i}`, label, qty: i }));
    const result = await bulkInsert(db, {
      table: 'items',
      columns: ['id', 'code', 'label', 'qty'],
      rows,
      method,
    });
    expect(result).toEqual({ rowsSent: LABELS.length, rowsAffected: LABELS.length, method });
    const back = await select<{ label: string | null }>('SELECT label FROM items ORDER BY id');
    expect(back.map((r) => r.label)).toEqual(LABELS);
  });

  it.each(methods)(
    'should take array rows and object rows (missing keys are NULL) with %s',
    async (method) => {
      async function* generate() {
        for (let i = 0; i < 12_000; i++) yield i % 2 ? [i, `c${i}`, `row ${i}`, i] : { id: i, code: `c${i}` };
      }
      const progress: number[] = [];
      const result = await bulkInsert(db, {
        table: 'items',
        columns: ['id', 'code', 'label', 'qty'],
        rows: generate(),
        method,
        chunkSize: 5_000,
        onProgress: (sent) => progress.push(sent),
      });
      expect(result.rowsAffected).toBe(12_000);
      expect(progress).toEqual([5_000, 10_000, 12_000]);
      const sample = await select('SELECT id, label, qty FROM items WHERE id IN (2, 3) ORDER BY id');
      expect(sample).toEqual([
        { id: 2, label: null, qty: null },
        { id: 3, label: 'row 3', qty: 3 },
      ]);
    },
  );

  it('should upsert on a unique key and leave other rows alone, or keep existing rows', async () => {
    const columns = ['id', 'code', 'label'];
    await bulkInsert(db, {
      table: 'items',
      columns,
      rows: [
        [1, 'a', 'one'],
        [2, 'b', 'two'],
      ],
    });
    await bulkInsert(db, {
      table: 'items',
      columns,
      rows: [
        [1, 'a', 'ONE'],
        [3, 'c', 'three'],
      ],
      onConflict: { columns: ['id'], action: 'update' },
    });
    await bulkInsert(db, {
      table: 'items',
      columns,
      rows: [
        [2, 'b', 'ignored'],
        [4, 'd', 'four'],
      ],
      onConflict: { columns: ['id'], action: 'nothing' },
    });
    const back = await select<{ label: string }>('SELECT label FROM items ORDER BY id');
    expect(back.map((r) => r.label)).toEqual(['ONE', 'two', 'three', 'four']);
  });

  it('should never exceed 65,535 bind parameters with VALUES', async () => {
    const columns = Array.from({ length: 20 }, (_, i) => `c${i}`);
    await db.query(`CREATE TABLE wide (${columns.map((c) => `${c} INTEGER`).join(', ')})`);
    const rows = Array.from({ length: 10_000 }, (_, r) => columns.map((_, i) => r + i));
    const result = await bulkInsert(db, {
      table: 'wide',
      columns,
      rows,
      method: 'values',
      chunkSize: 10_000,
    });
    expect(result.rowsAffected).toBe(10_000);
    expect(Number((await select<{ n: unknown }>('SELECT COUNT(*) AS n FROM wide'))[0]?.n)).toBe(10_000);
  });

  it('should map a unique violation to ConstraintViolationError', async () => {
    const error = await bulkInsert(db, {
      table: 'items',
      columns: ['id', 'code'],
      rows: [
        [1, 'x'],
        [2, 'x'],
      ],
    }).catch((e) => e);
    expect(isDalkitError(error, 'UNIQUE_VIOLATION')).toBe(true);
  });

  it('should refuse bad options naming them, before any SQL', async () => {
    const error = await bulkInsert(db, {
      table: 'items',
      columns: [],
      rows: 5 as never,
      chunkSize: 0,
      method: 'fast' as never,
      onConflict: { columns: ['nope'], action: 'update' },
    }).catch((e) => e);
    expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual([
      'columns',
      'onConflict.columns[0]',
      'rows',
      'chunkSize',
      'method',
    ]);
  });

  it('should refuse a method this database cannot run, naming it', async () => {
    const refused = REFUSED[suite.target] as (typeof REFUSED)[string];
    const error = await bulkInsert(db, {
      table: 'items',
      columns: ['id', 'code'],
      rows: [[1, 'a']],
      method: refused.method,
      onConflict: refused.onConflict,
    }).catch((e) => e);
    expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
    expect(error.message).toContain(refused.message);
  });

  it('should write nothing and query nothing for no rows', async () => {
    expect(await bulkInsert(db, { table: 'missing_table', columns: ['a'], rows: [] })).toEqual({
      rowsSent: 0,
      rowsAffected: 0,
      method: undefined,
    });
  });
});

describeEachTarget(
  'bulkInsert on PostgreSQL',
  (suite) => {
    let db: Database;
    const methods = METHODS[suite.target] ?? [];
    const at = [
      new Date('2024-03-10T01:30:00-08:00'),
      new Date('2024-07-01T23:59:59.999+05:30'),
      new Date('2024-03-10T23:30:00-08:00'),
      new Date('1969-12-31T23:59:59.001Z'),
    ];
    const docs = [
      {
        quote: 'say "hi"',
        back: 'a\\b',
        tab: 'x\ty',
        nl: 'a\nb',
        unicode: '✓',
        nested: [1, null, { k: 'v' }],
      },
      'plain "string" with \\ and \t',
      [1, 'two', null],
      null,
    ];
    const blobs = [Buffer.from([0, 9, 10, 13, 92, 255]), Buffer.alloc(0), Buffer.from('\\N'), null];
    const rows = at.map((when, i) => ({
      id: i + 1,
      at: when,
      day: when,
      doc: docs[i],
      raw: docs[i],
      blob: blobs[i],
      ratio: [0.1, -1e-9, Number.NaN, null][i],
      big: [9007199254740993n, -1n, 0n, null][i],
      amount: [12.5, '0.01', -3, null][i],
      flag: [true, false, null, true][i],
    }));
    const columns = Object.keys(rows[0] as object);

    beforeAll(async () => {
      db = openDatabase(suite.database);
      await db.query(`CREATE TABLE typed (id INTEGER PRIMARY KEY, at TIMESTAMPTZ, day DATE, doc JSONB, raw JSON,
        blob BYTEA, ratio DOUBLE PRECISION, big BIGINT, amount NUMERIC(12, 2), flag BOOLEAN, tags TEXT[], grid INTEGER[][])`);
    });
    beforeEach(async () => {
      await db.query('DELETE FROM typed');
    });
    afterAll(async () => {
      await db.close();
    });

    it.each(methods)(
      'should round-trip dates with zones, JSON, bytes, numbers and booleans with %s',
      async (method) => {
        await bulkInsert(db, { table: 'typed', columns, rows, method });
        const back = await db.sequelize.query('SELECT *, day::text AS day FROM typed ORDER BY id', {
          type: QueryTypes.SELECT,
        });
        expect(back).toEqual(
          rows.map((row) => ({
            ...row,
            day: row.at.toISOString().slice(0, 10),
            big: row.big === null ? null : String(row.big),
            amount: row.amount === null ? null : Number(row.amount).toFixed(2),
            tags: null,
            grid: null,
          })),
        );
      },
    );

    it.each(methods.filter((m) => m !== 'unnest'))('should write array columns with %s', async (method) => {
      const tags = ['x', 'y "z"', 'back\\slash', 'tab\t', null, '', 'NULL', '{a,b}'];
      await bulkInsert(db, {
        table: 'typed',
        columns: ['id', 'tags', 'grid'],
        rows: [
          [
            1,
            tags,
            [
              [1, 2],
              [3, null],
            ],
          ],
          [2, [], null],
        ],
        method,
      });
      const back = await db.sequelize.query('SELECT tags, grid FROM typed ORDER BY id', {
        type: QueryTypes.SELECT,
      });
      expect(back).toEqual([
        {
          tags,
          grid: [
            [1, 2],
            [3, null],
          ],
        },
        { tags: [], grid: null },
      ]);
    });

    it('should refuse unnest for array columns and pick copy or values for them', async () => {
      const error = await bulkInsert(db, {
        table: 'typed',
        columns: ['id', 'tags'],
        rows: [[1, ['a']]],
        method: 'unnest',
      }).catch((e) => e);
      expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
      expect(error.message).toContain('method: unnest cannot write array-typed columns');
      const result = await bulkInsert(db, { table: 'typed', columns: ['id', 'tags'], rows: [[1, ['a']]] });
      expect(result.method).toBe(suite.target === 'embedded' ? 'values' : 'copy');
    });

    it.each(methods)('should refuse an over-long string rather than cut it with %s', async (method) => {
      await db.query('CREATE TABLE IF NOT EXISTS short_codes (code VARCHAR(3), padded CHAR(4))');
      const error = await bulkInsert(db, {
        table: 'short_codes',
        columns: ['code', 'padded'],
        rows: [['abcdef', 'x']],
        method,
      }).catch((e) => e);
      expect(isDalkitError(error)).toBe(true);
      expect(error.cause.code ?? error.cause.parent?.code).toBe('22001');
      await bulkInsert(db, {
        table: 'short_codes',
        columns: ['code', 'padded'],
        rows: [['abc', 'x']],
        method,
      });
      const [row] = await db.query<{ padded: string }>(`SELECT padded FROM short_codes WHERE code = 'abc'`);
      expect(row?.padded).toBe('x   ');
      await db.query('DELETE FROM short_codes');
    });

    it('should name a missing table or column', async () => {
      const table = await bulkInsert(db, { table: 'nope', columns: ['id'], rows: [[1]] }).catch((e) => e);
      expect(table.message).toContain('table: nope does not exist');
      const column = await bulkInsert(db, {
        table: 'typed',
        columns: ['id', 'colour'],
        rows: [[1, 'red']],
      }).catch((e) => e);
      expect(isDalkitError(column, 'VALIDATION_FAILED')).toBe(true);
      expect(column.message).toContain('columns[1]: table typed has no column "colour"');
    });
  },
  { targets: ['embedded', 'postgres'] },
);
