import { describeEachTarget } from '@dalkit/testing/vitest';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bulkInsert, type Database, isDalkitError } from '../../src/index.js';
import { openDatabase } from './transactions-fixtures.js';

describeEachTarget(
  'bulkInsert with COPY',
  (suite) => {
    let db: Database;
    const columns = ['id', 'name'];
    const rows = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => [from + i, `n${from + i}`]);
    /** Rows committed, read on a connection of its own (outside any transaction). */
    const committed = async () => {
      const [row] = await db.sequelize.query<{ n: string }>('SELECT COUNT(*) AS n FROM people', {
        type: QueryTypes.SELECT,
        transaction: null,
      });
      return Number(row?.n);
    };

    beforeAll(async () => {
      db = openDatabase(suite.database);
      await db.query('CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    });
    beforeEach(async () => {
      await db.query('DELETE FROM people');
    });
    afterAll(async () => {
      await db.close();
    });

    it('should stream a large load with backpressure and report progress per chunk', async () => {
      const progress: number[] = [];
      const result = await bulkInsert(db, {
        table: 'people',
        columns,
        rows: rows(1, 60_000),
        chunkSize: 1_000,
        onProgress: (sent) => progress.push(sent),
      });
      expect(result).toEqual({ rowsSent: 60_000, rowsAffected: 60_000, method: 'copy' });
      expect(progress).toHaveLength(60);
      expect(progress.at(-1)).toBe(60_000);
      expect(await committed()).toBe(60_000);
    });

    it('should run on the connection of the current transaction', async () => {
      await db.transaction(async () => {
        const result = await bulkInsert(db, { table: 'people', columns, rows: rows(1, 100) });
        expect(result.method).toBe('copy');
        const [inside] = await db.query<{ n: string }>('SELECT COUNT(*) AS n FROM people');
        expect(Number(inside?.n)).toBe(100);
        expect(await committed()).toBe(0);
      });
      expect(await committed()).toBe(100);
    });

    it('should run on an explicit transaction and roll back with it', async () => {
      const tx = await db.sequelize.transaction();
      await bulkInsert(db.sequelize, { table: 'people', columns, rows: rows(1, 10), transaction: tx });
      const [inside] = await db.sequelize.query<{ n: string }>('SELECT COUNT(*) AS n FROM people', {
        type: QueryTypes.SELECT,
        transaction: tx,
      });
      expect(Number(inside?.n)).toBe(10);
      await tx.rollback();
      expect(await committed()).toBe(0);
    });

    it('should roll back the whole transaction when a COPY in it fails', async () => {
      const error = await db
        .transaction(async () => {
          await db.query(`INSERT INTO people (id, name) VALUES (0, 'before')`);
          await bulkInsert(db, { table: 'people', columns, rows: [...rows(1, 3), ['not a number', 'x']] });
        })
        .catch((e) => e);
      expect(isDalkitError(error)).toBe(true);
      expect(error.cause.code).toBe('22P02');
      expect(await committed()).toBe(0);
    });

    it('should roll back only the savepoint a failed nested load ran in', async () => {
      await db.transaction(async () => {
        await db.query(`INSERT INTO people (id, name) VALUES (0, 'kept')`);
        const error = await db
          .transaction(() => bulkInsert(db, { table: 'people', columns, rows: [...rows(1, 5), [1, 'dup']] }))
          .catch((e) => e);
        expect(isDalkitError(error, 'UNIQUE_VIOLATION')).toBe(true);
        await bulkInsert(db, { table: 'people', columns, rows: rows(10, 2) });
      });
      const names = await db.sequelize.query<{ name: string }>('SELECT name FROM people ORDER BY id', {
        type: QueryTypes.SELECT,
      });
      expect(names.map((r) => r.name)).toEqual(['kept', 'n10', 'n11']);
    });

    it('should write nothing when the load fails half way, even without a transaction', async () => {
      const duplicate = await bulkInsert(db, {
        table: 'people',
        columns,
        rows: [...rows(1, 3_000), [2_999, 'dup']],
        chunkSize: 1_000,
      }).catch((e) => e);
      expect(isDalkitError(duplicate, 'UNIQUE_VIOLATION')).toBe(true);
      expect(await committed()).toBe(0);

      const boom = new Error('the source failed');
      async function* failing() {
        yield* rows(1, 2_500);
        throw boom;
      }
      await expect(
        bulkInsert(db, { table: 'people', columns, rows: failing(), chunkSize: 1_000 }),
      ).rejects.toBe(boom);
      expect(await committed()).toBe(0);
      // The pooled connections are usable afterwards.
      expect((await bulkInsert(db, { table: 'people', columns, rows: rows(1, 3) })).rowsAffected).toBe(3);
    });
  },
  { targets: ['postgres'] },
);
