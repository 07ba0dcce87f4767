import { describeEachTarget } from '@dalkit/testing/vitest';
import { DataTypes, Model, type Sequelize } from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bulkWrite } from '../../src/index.js';
import { connect } from '../helpers/connect.js';

class Product extends Model {
  declare id: string;
  declare sku: string;
  declare displayName: string;
  declare createdAt: Date;
}

describeEachTarget('bulkWrite to a model', (suite) => {
  let sequelize: Sequelize;

  beforeAll(async () => {
    sequelize = connect(suite.database);
    Product.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        sku: { type: DataTypes.STRING(20), allowNull: false, unique: true },
        displayName: { type: DataTypes.STRING(100), allowNull: false, field: 'display_name' },
        stock: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      },
      { sequelize, tableName: 'products', underscored: true },
    );
    await Product.sync();
  });
  afterAll(async () => {
    await sequelize.close();
  });

  it('should map attributes to fields and fill ids, defaults and timestamps like create', async () => {
    const result = await bulkWrite(sequelize, Product, [
      { sku: 'A-1', displayName: 'Anvil' },
      { sku: 'B-2', displayName: 'Bucket' },
    ]);
    expect(result).toEqual({ table: 'products', rowsSent: 2, rowsAffected: 2 });
    const products = await Product.findAll({ order: [['sku', 'ASC']], raw: true });
    expect(products).toEqual([
      expect.objectContaining({ sku: 'A-1', displayName: 'Anvil', stock: 0, createdAt: expect.any(Date) }),
      expect.objectContaining({ sku: 'B-2', displayName: 'Bucket', stock: 0 }),
    ]);
    expect(new Set(products.map((p) => p.id)).size).toBe(2);
  });

  it('should upsert on the natural key given as attribute names', async () => {
    await bulkWrite(sequelize, Product, [{ sku: 'A-1', displayName: 'Anvil XL' }], {
      mode: 'upsert',
      conflictOn: ['sku'],
      columns: ['sku', 'displayName'],
    });
    expect((await Product.findOne({ where: { sku: 'A-1' } }))?.displayName).toBe('Anvil XL');
    expect(await Product.count()).toBe(2);
  });
});

describeEachTarget(
  'bulkWrite value types through unnest()',
  (suite) => {
    let sequelize: Sequelize;
    beforeAll(async () => {
      sequelize = connect(suite.database);
      await sequelize.query(`CREATE TABLE typed (
        id INTEGER PRIMARY KEY, label TEXT, at TIMESTAMPTZ, doc JSONB, raw JSON, blob BYTEA,
        ratio DOUBLE PRECISION, big BIGINT, flag BOOLEAN, tags TEXT[])`);
    });
    afterAll(async () => {
      await sequelize.close();
    });

    it('should round-trip strings, dates, JSON, bytes, numbers, booleans and NULLs', async () => {
      const at = new Date('2024-05-06T07:08:09.123Z');
      const doc = { quote: 'say "hi"', back: 'a\\b', list: [1, 'two', null], nested: { ok: true } };
      await bulkWrite(sequelize, 'typed', [
        {
          id: 1,
          label: 'a "quoted" {brace}, comma \\ slash\nnewline',
          at,
          doc,
          raw: [1, 2],
          blob: Buffer.from('hi'),
          ratio: 0.5,
          big: 9007199254740993n,
          flag: false,
        },
        {
          id: 2,
          label: null,
          at: null,
          doc: null,
          raw: null,
          blob: null,
          ratio: null,
          big: null,
          flag: null,
        },
        {
          id: 3,
          label: 'NULL',
          at,
          doc: 'plain string',
          raw: { a: 1 },
          blob: Buffer.alloc(0),
          ratio: -1e-9,
          big: -1,
          flag: true,
        },
      ]);
      const [rows] = await sequelize.query('SELECT * FROM typed ORDER BY id');
      expect(rows).toEqual([
        {
          id: 1,
          label: 'a "quoted" {brace}, comma \\ slash\nnewline',
          at,
          doc,
          raw: [1, 2],
          blob: Buffer.from('hi'),
          ratio: 0.5,
          big: '9007199254740993',
          flag: false,
          tags: null,
        },
        {
          id: 2,
          label: null,
          at: null,
          doc: null,
          raw: null,
          blob: null,
          ratio: null,
          big: null,
          flag: null,
          tags: null,
        },
        {
          id: 3,
          label: 'NULL',
          at,
          doc: 'plain string',
          raw: { a: 1 },
          blob: Buffer.alloc(0),
          ratio: -1e-9,
          big: '-1',
          flag: true,
          tags: null,
        },
      ]);
    });

    it('should fall back to VALUES chunks for array columns', async () => {
      await bulkWrite(sequelize, 'typed', [{ id: 10, tags: ['x', 'y "z"'] }]);
      const [rows] = await sequelize.query('SELECT tags FROM typed WHERE id = 10');
      expect(rows).toEqual([{ tags: ['x', 'y "z"'] }]);
    });
  },
  { targets: ['embedded', 'postgres'] },
);
