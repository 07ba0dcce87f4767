import { isDalkitError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { DataTypes, type Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkWrite } from '../../src/bulk/bulk-write.js';
import { connect, countRows } from '../helpers/connect.js';

describeEachTarget('bulkWrite', (suite) => {
  let sequelize: Sequelize;

  beforeAll(async () => {
    sequelize = connect(suite.database);
    const qi = sequelize.getQueryInterface();
    await qi.createTable('items', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(40), allowNull: false, unique: true },
      label: { type: DataTypes.STRING(200), allowNull: true },
      price: { type: DataTypes.DECIMAL(10, 2), allowNull: true },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      meta: { type: DataTypes.JSON, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: true },
    });
  });
  afterAll(async () => {
    await sequelize.close();
  });

  describe('insert', () => {
    it('should insert 20,000 rows from an async iterable in chunks', async () => {
      async function* generate() {
        for (let i = 0; i < 20_000; i++) {
          yield {
            code: `c${i}`,
            label: `it's "item" \\ ${i}`,
            price: i / 100,
            active: i % 2 === 0,
            meta: { i },
            created_at: new Date(0),
          };
        }
      }
      const result = await bulkWrite(sequelize, 'items', generate(), { chunkSize: 7_000 });
      expect(result).toEqual({ table: 'items', rowsSent: 20_000, rowsAffected: 20_000 });
      expect(await countRows(sequelize, 'items')).toBe(20_000);
      const [rows] = await sequelize.query(`SELECT label, active FROM items WHERE code = 'c7'`);
      expect(rows).toEqual([
        { label: `it's "item" \\ 7`, active: sequelize.getDialect() === 'postgres' ? false : 0 },
      ]);
    });

    it('should refuse an unsafe column name and write nothing', async () => {
      const before = await countRows(sequelize, 'items');
      const error = await bulkWrite(sequelize, 'items', [{ 'code; DROP TABLE items': 'x' }]).catch((e) => e);
      expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
      expect(error.message).toContain('columns[0]');
      expect(await countRows(sequelize, 'items')).toBe(before);
    });
  });

  describe('upsert', () => {
    it('should update changed rows, insert new ones and leave equal rows alone', async () => {
      const rows = [
        { code: 'c1', label: 'changed' },
        { code: 'c2', label: `it's "item" \\ 2` },
        { code: 'new-1', label: 'new' },
      ];
      const result = await bulkWrite(sequelize, 'items', rows, { mode: 'upsert', conflictOn: ['code'] });
      expect(result.rowsSent).toBe(3);
      const [after] = await sequelize.query(
        `SELECT code, label FROM items WHERE code IN ('c1', 'c2', 'new-1') ORDER BY code`,
      );
      expect(after).toEqual([
        { code: 'c1', label: 'changed' },
        { code: 'c2', label: `it's "item" \\ 2` },
        { code: 'new-1', label: 'new' },
      ]);
      if (sequelize.getDialect() === 'postgres') expect(result.rowsAffected).toBe(2);
    });

    it('should insert only missing rows with insertMissing', async () => {
      const result = await bulkWrite(
        sequelize,
        'items',
        [
          { code: 'c1', label: 'ignored' },
          { code: 'new-2', label: 'added' },
        ],
        { mode: 'insertMissing', conflictOn: ['code'] },
      );
      expect(result.rowsAffected).toBe(1);
      const [rows] = await sequelize.query(`SELECT label FROM items WHERE code = 'c1'`);
      expect(rows).toEqual([{ label: 'changed' }]);
    });

    it('should require conflictOn among the written columns', async () => {
      const error = await bulkWrite(sequelize, 'items', [{ code: 'x' }], {
        mode: 'upsert',
        conflictOn: ['label'],
      }).catch((e) => e);
      expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
      expect(error.message).toContain('conflictOn[0]');
    });
  });

  describe('progress', () => {
    function recorder() {
      const events: string[] = [];
      const progress = {
        start: ({ label, total }: { label: string; total?: number }) => {
          events.push(`start ${label} ${total}`);
          return { advance: (n: number) => events.push(`+${n}`), done: () => events.push('done') };
        },
      };
      return { events, progress };
    }

    it('should report large loads per statement and stay quiet for small ones', async () => {
      const small = recorder();
      await bulkWrite(sequelize, 'items', [{ code: 'p-small' }], { progress: small.progress });
      expect(small.events).toEqual([]);

      const large = recorder();
      const rows = Array.from({ length: 1_500 }, (_, i) => ({ code: `p-large-${i}` }));
      await bulkWrite(sequelize, 'items', rows, { progress: large.progress, chunkSize: 1_000 });
      expect(large.events).toEqual(['start items 1500', '+0', '+1000', '+500', 'done']);

      const streamed = recorder();
      async function* stream() {
        for (let i = 0; i < 1_500; i++) yield { code: `p-stream-${i}` };
      }
      await bulkWrite(sequelize, 'items', stream(), {
        progress: streamed.progress,
        chunkSize: 1_000,
        label: 'stream',
      });
      expect(streamed.events).toEqual(['start stream undefined', '+1000', '+500', 'done']);
    });
  });

  describe('parameter limit', () => {
    it('should split multi-row VALUES into chunks under 65,535 parameters', async () => {
      const columns = Array.from({ length: 20 }, (_, i) => `c${i}`);
      const qi = sequelize.getQueryInterface();
      await qi.createTable('wide', Object.fromEntries(columns.map((c) => [c, { type: DataTypes.INTEGER }])));
      const rows = Array.from({ length: 10_000 }, (_, r) =>
        Object.fromEntries(columns.map((c, i) => [c, r + i])),
      );
      const result = await bulkWrite(sequelize, 'wide', rows, { chunkSize: 10_000 });
      expect(result.rowsAffected).toBe(10_000);
      expect(await countRows(sequelize, 'wide')).toBe(10_000);
    });
  });
});
