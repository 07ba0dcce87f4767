import { isDalkitError } from '@dalkit/connection';
import { AuditedModel, registerModels, runAs } from '@dalkit/models';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { Column, DataType, Sequelize, Table } from 'sequelize-typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repositoryFor } from '../../src/index.js';

@Table({ tableName: 'invoices', underscored: true })
class Invoice extends AuditedModel {
  @Column({ type: DataType.STRING(40), allowNull: false }) declare number: string;
  @Column({ type: DataType.INTEGER, allowNull: false }) declare amount: number;
}

describeEachTarget('Repository over @dalkit/models audited models', (suite) => {
  let sequelize: Sequelize;
  beforeAll(async () => {
    sequelize = new Sequelize(suite.database.url, { logging: false, pool: { max: 1 } });
    registerModels(sequelize, [Invoice]);
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
});
