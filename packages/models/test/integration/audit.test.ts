import { describeEachTarget } from '@dalkit/testing/vitest';
import type { CreationOptional, InferAttributes, InferCreationAttributes } from 'sequelize';
import { QueryTypes } from 'sequelize';
import { Column, DataType, Table } from 'sequelize-typescript';
import { beforeEach, expect, it } from 'vitest';
import { AuditedModel, BigIntPrimaryKey, currentActor, isUuidV7, runAs } from '../../src/index.js';
import { useModels } from '../support/open-database.js';

@Table({ tableName: 'notes' })
class Note extends AuditedModel<InferAttributes<Note>, InferCreationAttributes<Note>> {
  @Column(DataType.STRING(100))
  declare title: string;
}

@Table({ tableName: 'events' })
class Event extends AuditedModel<InferAttributes<Event>, InferCreationAttributes<Event>> {
  @BigIntPrimaryKey
  declare id: CreationOptional<string>;

  @Column(DataType.STRING(50))
  declare kind: string;
}

describeEachTarget('audit columns', (suite) => {
  const ctx = useModels(suite, [Note, Event]);
  beforeEach(async () => {
    await Note.destroy({ where: {}, truncate: true });
  });

  it('should give new rows a UUID v7 id and created/updated timestamps', async () => {
    const note = await Note.create({ title: 'hello' });
    expect(isUuidV7(note.id)).toBe(true);
    expect(note.createdAt).toBeInstanceOf(Date);
    expect(note.updatedAt).toBeInstanceOf(Date);
    const [row] = await ctx.db.query<Record<string, unknown>>('SELECT id, created_at, updated_at FROM notes');
    expect(String(row?.id)).toBe(note.id);
  });

  it('should store the timestamps with time zone on PostgreSQL', async () => {
    if (suite.target === 'mariadb') return;
    const rows = await ctx.db.query<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'notes' AND column_name IN ('created_at', 'updated_at')",
    );
    expect(rows.map((r) => r.data_type)).toEqual(['timestamp with time zone', 'timestamp with time zone']);
  });

  it('should leave created_by and updated_by null outside runAs', async () => {
    const note = await Note.create({ title: 'anonymous' });
    await note.update({ title: 'still anonymous' });
    const fresh = await Note.findByPk(note.id, { rejectOnEmpty: true });
    expect(fresh.createdBy).toBeNull();
    expect(fresh.updatedBy).toBeNull();
  });

  it('should keep an explicit created_by given outside runAs', async () => {
    const note = await Note.create({ title: 'imported', createdBy: 'importer' });
    const fresh = await Note.findByPk(note.id, { rejectOnEmpty: true });
    expect(fresh.createdBy).toBe('importer');
  });

  it('should fill created_by and updated_by on create and updated_by on update', async () => {
    const note = await runAs('alice', () => Note.create({ title: 'by alice' }));
    await runAs('bob', () => note.update({ title: 'edited by bob' }));
    const fresh = await Note.findByPk(note.id, { rejectOnEmpty: true });
    expect(fresh.createdBy).toBe('alice');
    expect(fresh.updatedBy).toBe('bob');
  });

  it('should clear updated_by when an update outside runAs does not name its actor', async () => {
    const note = await runAs('alice', () => Note.create({ title: 'by alice' }));
    await note.update({ title: 'by someone unknown' });
    expect((await Note.findByPk(note.id, { rejectOnEmpty: true })).updatedBy).toBeNull();
    await note.update({ title: 'by a named job', updatedBy: 'nightly-job' });
    await runAs('bob', () => note.update({ title: 'by bob' }));
    await Note.update({ title: 'bulk, unknown' }, { where: { id: note.id } });
    const rows = await ctx.db.query<{ created_by: string; updated_by: string | null }>(
      'SELECT created_by, updated_by FROM notes WHERE id = $1',
      { bind: [note.id] },
    );
    expect(rows).toEqual([{ created_by: 'alice', updated_by: null }]);
    await Note.update({ title: 'bulk, named', updatedBy: 'importer' }, { where: { id: note.id } });
    expect((await Note.findByPk(note.id, { rejectOnEmpty: true })).updatedBy).toBe('importer');
  });

  it('should keep an explicit updated_by given outside runAs', async () => {
    const note = await runAs('alice', () => Note.create({ title: 'by alice' }));
    await note.update({ title: 'by a named job', updatedBy: 'nightly-job' });
    expect((await Note.findByPk(note.id, { rejectOnEmpty: true })).updatedBy).toBe('nightly-job');
  });

  it('should fill the audit columns on bulkCreate', async () => {
    await runAs(42, () => Note.bulkCreate([{ title: 'a' }, { title: 'b' }, { title: 'c' }]));
    const rows = await Note.findAll();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.createdBy === '42' && r.updatedBy === '42')).toBe(true);
  });

  it('should fill updated_by on a bulk Model.update with a where clause', async () => {
    await Note.bulkCreate([{ title: 'x' }, { title: 'x' }, { title: 'y' }]);
    const [count] = await runAs('carol', () => Note.update({ title: 'z' }, { where: { title: 'x' } }));
    expect(count).toBe(2);
    const rows = await ctx.db.query<{ title: string; updated_by: string | null; created_by: string | null }>(
      'SELECT title, created_by, updated_by FROM notes ORDER BY title',
    );
    expect(rows).toEqual([
      { title: 'y', created_by: null, updated_by: null },
      { title: 'z', created_by: null, updated_by: 'carol' },
      { title: 'z', created_by: null, updated_by: 'carol' },
    ]);
  });

  it('should fill the audit columns inside a transaction of the database handle', async () => {
    const id = await runAs('dave', () =>
      ctx.db.transaction(async () => {
        expect(currentActor()).toBe('dave');
        const note = await Note.create({ title: 'in a transaction' });
        await Note.update({ title: 'changed in a transaction' }, { where: { id: note.id } });
        return note.id;
      }),
    );
    const rows = await ctx.db.query<{ created_by: string; updated_by: string }>(
      'SELECT created_by, updated_by FROM notes WHERE id = $1',
      { bind: [id] },
    );
    expect(rows).toEqual([{ created_by: 'dave', updated_by: 'dave' }]);
  });

  it('should not fill anything for a transaction that rolled back', async () => {
    await expect(
      runAs('erin', () =>
        ctx.db.transaction(async () => {
          await Note.create({ title: 'rolled back' });
          throw new Error('boom');
        }),
      ),
    ).rejects.toThrow('boom');
    expect(await Note.count()).toBe(0);
  });

  it('should keep the actor through savepoints and let runAs switch it inside a transaction', async () => {
    await ctx.db.transaction(async () => {
      await runAs('outer', async () => {
        await Note.create({ title: 'outer' });
        await ctx.db.transaction(async () => {
          await Note.create({ title: 'inner' });
        });
        await runAs('switched', () => Note.update({ title: 'inner, edited' }, { where: { title: 'inner' } }));
        await ctx.db
          .transaction(async () => {
            await Note.create({ title: 'rolled back to the savepoint' });
            throw new Error('undo the savepoint');
          })
          .catch(() => undefined);
      });
      await Note.create({ title: 'after runAs' });
    });
    const rows = await ctx.db.query<{ title: string; created_by: string | null; updated_by: string | null }>(
      'SELECT title, created_by, updated_by FROM notes ORDER BY title',
    );
    expect(rows).toEqual([
      { title: 'after runAs', created_by: null, updated_by: null },
      { title: 'inner, edited', created_by: 'outer', updated_by: 'switched' },
      { title: 'outer', created_by: 'outer', updated_by: 'outer' },
    ]);
  });

  it('should support an auto-increment BIGINT primary key read as a string', async () => {
    const first = await runAs('frank', () => Event.create({ kind: 'signup' }));
    const second = await Event.create({ kind: 'login' });
    expect(typeof first.id).toBe('string');
    expect(BigInt(second.id)).toBe(BigInt(first.id) + 1n);
    const found = await Event.findByPk(first.id, { rejectOnEmpty: true });
    expect(found.id).toBe(first.id);
    expect(found.createdBy).toBe('frank');
    const rows = await ctx.db.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM events', {
      type: QueryTypes.SELECT,
    });
    expect(Number(rows[0]?.n)).toBe(2);
  });
});
