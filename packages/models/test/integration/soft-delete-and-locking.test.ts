import { ErrorCode, isDalkitError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import type { CreationOptional, InferAttributes, InferCreationAttributes } from 'sequelize';
import { Column, DataType, Table } from 'sequelize-typescript';
import { beforeEach, expect, it } from 'vitest';
import { AuditedModel } from '../../src/index.js';
import { useModels } from '../support/open-database.js';

@Table({ tableName: 'documents', paranoid: true, version: true })
class Document extends AuditedModel<InferAttributes<Document>, InferCreationAttributes<Document>> {
  @Column(DataType.STRING(100))
  declare title: string;

  @Column(DataType.INTEGER)
  declare views: CreationOptional<number>;

  declare deletedAt: CreationOptional<Date | null>;
  declare version: CreationOptional<number>;
}

describeEachTarget('soft delete and optimistic locking', (suite) => {
  const ctx = useModels(suite, [Document]);
  beforeEach(async () => {
    await Document.destroy({ where: {}, force: true });
  });

  it('should hide a soft-deleted row from default queries but keep it in the table', async () => {
    const doc = await Document.create({ title: 'draft', views: 0 });
    await doc.destroy();
    expect(await Document.findByPk(doc.id)).toBeNull();
    expect(await Document.count()).toBe(0);
    const hidden = await Document.findByPk(doc.id, { paranoid: false, rejectOnEmpty: true });
    expect(hidden.deletedAt).toBeInstanceOf(Date);
    const rows = await ctx.db.query<{ deleted_at: unknown }>(
      'SELECT deleted_at FROM documents WHERE id = $1',
      {
        bind: [doc.id],
      },
    );
    expect(rows[0]?.deleted_at).not.toBeNull();
  });

  it('should restore a soft-deleted row, one instance or many by where', async () => {
    const [a, b] = await Document.bulkCreate([
      { title: 'a', views: 0 },
      { title: 'b', views: 0 },
    ]);
    await Document.destroy({ where: {} });
    expect(await Document.count()).toBe(0);
    const deletedA = await Document.findByPk(a?.id ?? '', { paranoid: false, rejectOnEmpty: true });
    await deletedA.restore();
    expect(await Document.count()).toBe(1);
    await Document.restore({ where: { id: b?.id } });
    expect((await Document.findAll()).map((d) => d.title).sort()).toEqual(['a', 'b']);
  });

  it('should delete for good with force: true', async () => {
    const doc = await Document.create({ title: 'gone', views: 0 });
    await doc.destroy({ force: true });
    expect(await Document.findByPk(doc.id, { paranoid: false })).toBeNull();
  });

  it('should throw STALE_VERSION for the loser of two concurrent updates of the same version', async () => {
    const doc = await Document.create({ title: 'v0', views: 0 });
    const first = await Document.findByPk(doc.id, { rejectOnEmpty: true });
    const second = await Document.findByPk(doc.id, { rejectOnEmpty: true });
    const results = await Promise.allSettled([
      first.update({ title: 'first' }),
      second.update({ title: 'second' }),
    ]);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const error = (rejected[0] as PromiseRejectedResult).reason;
    expect(isDalkitError(error, ErrorCode.STALE_VERSION)).toBe(true);
    expect((error as Error).message).toContain('reload it and retry');
    const stored = await Document.findByPk(doc.id, { rejectOnEmpty: true });
    expect(stored.version).toBe(1);
    expect(['first', 'second']).toContain(stored.title);
  });

  it('should let the loser succeed after reloading', async () => {
    const doc = await Document.create({ title: 'v0', views: 0 });
    const stale = await Document.findByPk(doc.id, { rejectOnEmpty: true });
    await doc.update({ views: 1 });
    await expect(stale.update({ views: 2 })).rejects.toMatchObject({ code: 'STALE_VERSION' });
    await stale.reload();
    await stale.update({ views: 2 });
    expect(stale.version).toBe(2);
  });

  it('should bump the version on a bulk Model.update so instances read before it are stale', async () => {
    const doc = await Document.create({ title: 'v0', views: 0 });
    const before = await Document.findByPk(doc.id, { rejectOnEmpty: true });
    await Document.update({ views: 10 }, { where: { id: doc.id } });
    const after = await Document.findByPk(doc.id, { rejectOnEmpty: true });
    expect(after.version).toBe(before.version + 1);
    await expect(before.update({ views: 11 })).rejects.toMatchObject({ code: 'STALE_VERSION' });
  });
});

describeEachTarget(
  'optimistic locking across two connections',
  (suite) => {
    const ctx = useModels(suite, [Document]);

    it('should let one of two overlapping transactions win and fail the other with STALE_VERSION', async () => {
      const doc = await Document.create({ title: 'shared', views: 0 });
      const a = await ctx.db.begin();
      const b = await ctx.db.begin();
      const inA = await Document.findByPk(doc.id, { transaction: a.transaction, rejectOnEmpty: true });
      const inB = await Document.findByPk(doc.id, { transaction: b.transaction, rejectOnEmpty: true });
      await inA.update({ title: 'from A' }, { transaction: a.transaction });
      let settled = false;
      const blocked = inB.update({ title: 'from B' }, { transaction: b.transaction }).then(
        () => undefined,
        (error: unknown) => error,
      );
      void blocked.finally(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(settled).toBe(false);
      await a.commit();
      expect(await blocked).toMatchObject({ code: 'STALE_VERSION' });
      await b.rollback();
      const stored = await Document.findByPk(doc.id, { rejectOnEmpty: true });
      expect(stored.title).toBe('from A');
      expect(stored.version).toBe(1);
    });
  },
  { targets: ['postgres', 'mariadb'] },
);
