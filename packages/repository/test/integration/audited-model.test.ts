import { isDalkitError } from '@dalkit/connection';
import { AuditedModel, isUuidV7, registerModels, runAs } from '@dalkit/models';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { Column, DataType, Sequelize, Table } from 'sequelize-typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repositoryFor } from '../../src/index.js';

@Table({ tableName: 'invoices', underscored: true })
class Invoice extends AuditedModel {
  @Column({ type: DataType.STRING(40), allowNull: false }) declare number: string;
  @Column({ type: DataType.INTEGER, allowNull: false }) declare amount: number;
}

@Table({ tableName: 'notes', underscored: true, paranoid: true })
class Note extends AuditedModel {
  @Column({ type: DataType.STRING(40), allowNull: false }) declare title: string;
  declare deletedAt: Date | null;
}

describeEachTarget('Repository over @dalkit/models audited models', (suite) => {
  let sequelize: Sequelize;
  beforeAll(async () => {
    sequelize = new Sequelize(suite.database.url, { logging: false, pool: { max: 1 } });
    registerModels(sequelize, [Invoice, Note]);
    await sequelize.sync({ force: true });
  });
  afterAll(async () => {
    await sequelize?.close();
  });

  it('should run the model hooks on create and update (audit columns from runAs)', async () => {
    const invoices = repositoryFor(Invoice, { filterable: ['number', 'createdBy'], sortable: ['amount'] });
    const created = await runAs('alice', () => invoices.create({ number: 'A-1', amount: 10 }));
    expect(created.createdBy).toBe('alice');
    expect(typeof created.id).toBe('string');
    const updated = await runAs('bob', () => invoices.update(created.id, { amount: 12 }));
    expect(updated).toMatchObject({ amount: 12, createdBy: 'alice', updatedBy: 'bob' });
    expect(await invoices.findById(created.id)).toMatchObject({ amount: 12, updatedBy: 'bob' });
    expect(await invoices.count({ createdBy: 'alice' })).toBe(1);
  });

  it('should check UUID keys before any SQL', async () => {
    const error = await repositoryFor(Invoice)
      .findById('1; DROP TABLE invoices')
      .catch((e) => e);
    expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
    expect(await Invoice.count()).toBe(1);
  });

  it('should fill updated_by from runAs in bulk updates and soft deletes, and null it outside', async () => {
    const notes = repositoryFor(Note, { filterable: ['title'] });
    await runAs('alice', () => Note.bulkCreate([{ title: 'a' }, { title: 'b' }, { title: 'c' }]));
    expect(await runAs('bob', () => notes.updateWhere({ title: { in: ['a', 'b'] } }, { title: 'ab' }))).toBe(
      2,
    );
    const rows = await Note.findAll({ where: { title: 'ab' } });
    expect(rows.map((r) => [r.createdBy, r.updatedBy])).toEqual([
      ['alice', 'bob'],
      ['alice', 'bob'],
    ]);
    expect(await runAs('carol', () => notes.deleteWhere({ title: 'c' }))).toBe(1);
    const deleted = await Note.findOne({ where: { title: 'c' }, paranoid: false });
    expect(deleted?.deletedAt).toBeInstanceOf(Date);
    expect(deleted?.updatedBy).toBe('carol');
    await notes.updateWhere({ title: 'ab' }, { title: 'x' });
    expect((await Note.findAll({ where: { title: 'x' } })).map((r) => r.updatedBy)).toEqual([null, null]);
  });

  it('should give createMany rows their UUID v7 keys, model defaults and audit columns from runAs', async () => {
    const invoices = repositoryFor(Invoice, { filterable: ['number'] });
    const count = await runAs('dora', () =>
      invoices.createMany([
        { number: 'M-1', amount: 1 },
        { number: 'M-2', amount: 2, createdBy: 'importer' },
      ]),
    );
    expect(count).toBe(2);
    const rows = await Invoice.findAll({ where: { number: ['M-1', 'M-2'] }, order: [['number', 'ASC']] });
    expect(rows.map((r) => [r.createdBy, r.updatedBy])).toEqual([
      ['dora', 'dora'],
      ['importer', 'dora'],
    ]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    for (const row of rows) expect(isUuidV7(row.id)).toBe(true);
    expect(rows[0]?.createdAt).toBeInstanceOf(Date);
    await invoices.createMany([{ number: 'M-3', amount: 3 }]);
    expect((await Invoice.findOne({ where: { number: 'M-3' } }))?.createdBy).toBeNull();
  });
});
