import { describeEachTarget } from '@dalkit/testing/vitest';
import type { CreationOptional, InferAttributes, InferCreationAttributes } from 'sequelize';
import { Column, DataType, Table } from 'sequelize-typescript';
import { beforeEach, expect, it } from 'vitest';
import { AuditedModel, runAs, uuidv7 } from '../../src/index.js';
import { useModels } from '../support/open-database.js';

@Table({ tableName: 'memos', paranoid: true })
class Memo extends AuditedModel<InferAttributes<Memo>, InferCreationAttributes<Memo>> {
  @Column({ type: DataType.STRING(20), unique: true })
  declare code: string;

  @Column(DataType.STRING(100))
  declare title: string;

  declare deletedAt: CreationOptional<Date | null>;
}

interface StoredMemo {
  id: string;
  title: string;
  created_by: string | null;
  updated_by: string | null;
  updated_at: Date | string;
  deleted_at: Date | string | null;
}

const LONG_AGO = new Date('2000-01-01T00:00:00Z');

describeEachTarget('audit columns on upsert, soft delete and restore', (suite) => {
  const ctx = useModels(suite, [Memo]);

  beforeEach(async () => {
    await Memo.destroy({ where: {}, force: true });
  });

  async function stored(code: string): Promise<StoredMemo> {
    const [row] = await ctx.db.query<StoredMemo>(
      'SELECT id, title, created_by, updated_by, updated_at, deleted_at FROM memos WHERE code = $1',
      { bind: [code] },
    );
    if (!row) throw new Error(`no memo ${code}`);
    return row;
  }

  /** Creates memos as `actor`, then backdates their updated_at so a later update shows. */
  async function memosBy(actor: string, codes: string[]): Promise<Memo[]> {
    const memos = await runAs(actor, () => Memo.bulkCreate(codes.map((code) => ({ code, title: code }))));
    await ctx.db.query('UPDATE memos SET updated_at = $1', { bind: [LONG_AGO] });
    return memos;
  }

  function wasUpdated(row: StoredMemo): boolean {
    return new Date(row.updated_at).getTime() > LONG_AGO.getTime();
  }

  it('should fill created_by and updated_by when an upsert inserts', async () => {
    const id = uuidv7();
    await runAs('alice', () => Memo.upsert({ id, code: 'new', title: 'inserted' }));
    expect(await stored('new')).toMatchObject({ id, created_by: 'alice', updated_by: 'alice' });
  });

  it('should set updated_by and keep created_by when an upsert updates', async () => {
    const [memo] = await memosBy('alice', ['m1']);
    await runAs('bob', () => Memo.upsert({ id: memo?.id ?? '', code: 'm1', title: 'changed by bob' }));
    const row = await stored('m1');
    expect(row).toMatchObject({ title: 'changed by bob', created_by: 'alice', updated_by: 'bob' });
    expect(wasUpdated(row)).toBe(true);
  });

  it('should keep created_by when an upsert meets a conflict on a unique natural key', async () => {
    const [memo] = await memosBy('alice', ['natural']);
    await runAs('bob', () =>
      Memo.upsert({ id: memo?.id ?? '', code: 'natural', title: 'by code' }, { conflictFields: ['code'] }),
    );
    expect(await stored('natural')).toMatchObject({
      id: memo?.id,
      title: 'by code',
      created_by: 'alice',
      updated_by: 'bob',
    });
  });

  it('should write explicit created_by and updated_by given to an upsert as given', async () => {
    const id = uuidv7();
    await runAs('bob', () =>
      Memo.upsert({ id, code: 'import', title: 'imported', createdBy: 'importer', updatedBy: 'importer' }),
    );
    expect(await stored('import')).toMatchObject({ created_by: 'importer', updated_by: 'importer' });
    await runAs('bob', () =>
      Memo.upsert({ id, code: 'import', title: 're-imported', updatedBy: 'nightly-job' }),
    );
    expect(await stored('import')).toMatchObject({
      title: 're-imported',
      created_by: 'importer',
      updated_by: 'nightly-job',
    });
  });

  it('should clear updated_by when an upsert outside runAs updates', async () => {
    const [memo] = await memosBy('alice', ['anon']);
    await Memo.upsert({ id: memo?.id ?? '', code: 'anon', title: 'by someone unknown' });
    expect(await stored('anon')).toMatchObject({ created_by: 'alice', updated_by: null });
    await Memo.upsert({ id: uuidv7(), code: 'anon-new', title: 'inserted by someone unknown' });
    expect(await stored('anon-new')).toMatchObject({ created_by: null, updated_by: null });
  });

  it('should set updated_by and updated_at when an instance is soft-deleted and restored', async () => {
    const [memo] = await memosBy('alice', ['one']);
    if (!memo) throw new Error('bulkCreate returned no memo');
    await runAs('bob', () => memo.destroy());
    expect(memo.updatedBy).toBe('bob');
    const deleted = await stored('one');
    expect(deleted).toMatchObject({ created_by: 'alice', updated_by: 'bob' });
    expect(deleted.deleted_at).not.toBeNull();
    expect(wasUpdated(deleted)).toBe(true);

    await runAs('carol', () => memo.restore());
    expect(await stored('one')).toMatchObject({ created_by: 'alice', updated_by: 'carol', deleted_at: null });
    expect(await Memo.findByPk(memo.id)).not.toBeNull();
  });

  it('should set updated_by and updated_at on the rows a bulk destroy or restore with a where deletes or restores', async () => {
    await memosBy('alice', ['a1', 'a2', 'b1']);
    const deleted = await runAs('dave', () => Memo.destroy({ where: { code: ['a1', 'a2'] } }));
    expect(deleted).toBe(2);
    for (const code of ['a1', 'a2']) {
      const row = await stored(code);
      expect(row).toMatchObject({ created_by: 'alice', updated_by: 'dave' });
      expect(row.deleted_at).not.toBeNull();
      expect(wasUpdated(row)).toBe(true);
    }
    const untouched = await stored('b1');
    expect(untouched).toMatchObject({ updated_by: 'alice', deleted_at: null });
    expect(wasUpdated(untouched)).toBe(false);

    await ctx.db.query('UPDATE memos SET updated_at = $1', { bind: [LONG_AGO] });
    await runAs('erin', () => Memo.restore({ where: { code: ['a1', 'b1'] } }));
    const restored = await stored('a1');
    expect(restored).toMatchObject({ updated_by: 'erin', deleted_at: null });
    expect(wasUpdated(restored)).toBe(true);
    const stillDeleted = await stored('a2');
    expect(stillDeleted).toMatchObject({ updated_by: 'dave' });
    expect(wasUpdated(stillDeleted)).toBe(false);
    const neverDeleted = await stored('b1'); // matched by the where, but there was nothing to restore
    expect(neverDeleted).toMatchObject({ updated_by: 'alice' });
    expect(wasUpdated(neverDeleted)).toBe(false);
    expect((await Memo.findAll()).map((m) => m.code).sort()).toEqual(['a1', 'b1']);
  });

  it('should leave a row alone when a soft delete or restore has nothing to do', async () => {
    const [created] = await memosBy('alice', ['idle']);
    const memo = await Memo.findByPk(created?.id ?? '', { rejectOnEmpty: true });
    await runAs('bob', () => memo.restore()); // not deleted
    const live = await stored('idle');
    expect(live).toMatchObject({ updated_by: 'alice', deleted_at: null });
    expect(wasUpdated(live)).toBe(false);

    await runAs('bob', () => memo.destroy());
    await ctx.db.query('UPDATE memos SET updated_at = $1', { bind: [LONG_AGO] });
    await runAs('carol', () => memo.destroy()); // deleted already
    expect(await runAs('carol', () => Memo.destroy({ where: { code: 'idle' } }))).toBe(0);
    const deleted = await stored('idle');
    expect(deleted).toMatchObject({ updated_by: 'bob' });
    expect(wasUpdated(deleted)).toBe(false);
  });

  it('should clear updated_by on a soft delete or restore outside runAs', async () => {
    const [one] = await memosBy('alice', ['x1', 'x2']);
    await one?.destroy();
    await Memo.destroy({ where: { code: 'x2' } });
    expect(await stored('x1')).toMatchObject({ created_by: 'alice', updated_by: null });
    expect(await stored('x2')).toMatchObject({ created_by: 'alice', updated_by: null });
    await runAs('bob', () => Memo.restore({ where: {} }));
    await one?.restore();
    expect(await stored('x1')).toMatchObject({ updated_by: null, deleted_at: null });
    expect(await stored('x2')).toMatchObject({ updated_by: 'bob', deleted_at: null });
  });

  it('should stamp the soft delete inside a transaction and undo it with a rollback', async () => {
    await memosBy('alice', ['t1', 't2']);
    await runAs('frank', () =>
      ctx.db.transaction(async () => {
        await Memo.destroy({ where: { code: 't1' } });
      }),
    );
    await expect(
      runAs('grace', () =>
        ctx.db.transaction(async () => {
          await Memo.destroy({ where: { code: 't2' } });
          throw new Error('undo');
        }),
      ),
    ).rejects.toThrow('undo');
    expect(await stored('t1')).toMatchObject({ updated_by: 'frank' });
    expect(await stored('t2')).toMatchObject({ updated_by: 'alice', deleted_at: null });
  });

  it('should still delete for good with force: true', async () => {
    const [memo] = await memosBy('alice', ['gone', 'bulk-gone']);
    await runAs('bob', () => memo?.destroy({ force: true }));
    await runAs('bob', () => Memo.destroy({ where: { code: 'bulk-gone' }, force: true }));
    expect(await Memo.count({ paranoid: false })).toBe(0);
  });
});
