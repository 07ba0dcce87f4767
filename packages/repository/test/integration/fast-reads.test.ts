import { isDalkitError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import type { Model } from 'sequelize';
import { Column, DataType, Table, Model as TypedModel } from 'sequelize-typescript';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { repositoryFor } from '../../src/index.js';
import { orderRepository, seed } from '../support/fixtures.js';
import { Order, Tag, User } from '../support/models.js';
import { useTestSequelize } from '../support/setup.js';

/** What Sequelize itself builds from the same rows: the reference the fast paths must equal. */
function sequelizeBuild(rows: Record<string, unknown>[], include: string[]): Model[] {
  return rows.map(
    (row) =>
      Order.build(structuredClone(row), {
        isNewRecord: false,
        raw: true,
        include: include.map((as) => ({ association: as })),
      } as never) as Model,
  );
}

/** The own state of an instance, with nested instances unwrapped the same way. */
function state(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(state);
  if (!(value instanceof Object) || value instanceof Date) return value;
  const instance = value as Record<string, unknown>;
  if (!('dataValues' in instance)) return value;
  const dataValues = Object.fromEntries(
    Object.entries(instance.dataValues as object).map(([k, v]) => [k, state(v)]),
  );
  return {
    type: instance.constructor.name,
    keys: Object.keys(instance),
    dataValues,
    previous: Object.keys(instance._previousDataValues as object),
    isNewRecord: instance.isNewRecord,
    changed: (instance as unknown as Model).changed(),
  };
}

let serial = 0;

@Table({ tableName: 'gadgets', underscored: true })
class Gadget extends TypedModel {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.STRING(40), allowNull: false }) declare name: string;
  @Column({ type: DataType.STRING(20), allowNull: false, defaultValue: 'draft' }) declare state: string;
  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: () => ++serial }) declare serial: number;
  @Column({ type: DataType.DATE, allowNull: false, defaultValue: DataType.NOW }) declare madeAt: Date;
  @Column({ type: DataType.STRING(40), allowNull: true }) declare note: string | null;
  declare createdAt: Date;
  declare updatedAt: Date;
}

describeEachTarget('Repository reads and writes without Sequelize finders', (suite) => {
  const sequelize = useTestSequelize(suite);
  beforeAll(async () => {
    sequelize().addModels([Gadget]);
    await Gadget.sync({ force: true });
  });
  beforeEach(async () => {
    await seed();
  });

  it('should return the same plain rows as Sequelize, joined relations nested', async () => {
    const ours = await orderRepository().findAll({}, { sort: 'id', include: ['user'] });
    const theirs = (await Order.findAll({ include: [User], order: [['id', 'ASC']] })).map((o) =>
      o.get({ plain: true }),
    );
    expect(ours).toEqual(theirs);
    expect((ours[0] as { placedAt: unknown }).placedAt).toBeInstanceOf(Date);
    expect((ours[0] as { user: { createdAt: unknown } }).user.createdAt).toBeInstanceOf(Date);
  });

  it('should nest the joined to-one relation in findById and getById as findAll does', async () => {
    const repo = orderRepository();
    const listed = await repo.findAll({}, { sort: 'id', include: ['user'] });
    for (const row of listed) {
      const id = (row as { id: number }).id;
      expect(await repo.findById(id, { include: ['user'] })).toEqual(row);
      expect(await repo.getById(id, { include: ['user'] })).toEqual(row);
    }
    expect((listed[0] as { user: { email: string } }).user.email).toBe('ann@x.com');
  });

  it('should build instances equal to what Sequelize builds from the same rows', async () => {
    const include = suite.database.dialect === 'postgres' ? ['user', 'tags'] : ['tags'];
    const repo = orderRepository();
    const rows = (await repo.findAll({}, { sort: 'id', include })) as Record<string, unknown>[];
    const fast = await repo.findAll({}, { sort: 'id', include, instances: true });
    expect(fast.map(state)).toEqual(sequelizeBuild(rows, include).map(state));
    expect(fast[0]).toBeInstanceOf(Order);
    expect((fast[0] as Order).tags?.[0]).toBeInstanceOf(Tag);
    expect(fast.map((o) => o.toJSON())).toEqual(sequelizeBuild(rows, include).map((o) => o.toJSON()));
  });

  it('should give instances that track changes, save, reload and destroy like any other', async () => {
    const repo = orderRepository();
    const [first] = (await repo.findAll({}, { sort: 'id', limit: 1, instances: true })) as Order[];
    if (!first) throw new Error('seed gave no orders');
    expect(first.changed()).toBe(false);
    first.note = 'changed by test';
    expect(first.changed()).toEqual(['note']);
    expect(first.previous('note')).toBe('gift');
    await first.save();
    expect((await Order.findByPk(first.id))?.note).toBe('changed by test');
    await Order.update({ total: 7 }, { where: { id: first.id } });
    await first.reload();
    expect(first.total).toBe(7);
    await first.destroy();
    expect(await Order.findByPk(first.id)).toBeNull();
  });

  it('should create rows on a model without validators as Sequelize does: defaults filled, NOT NULL enforced', async () => {
    const gadgets = repositoryFor(Gadget);
    const before = Date.now();
    const created = await gadgets.create({ name: 'lamp' });
    const stored = (await Gadget.findByPk(created.id))?.get({ plain: true });
    // PostgreSQL writes directly (INSERT … RETURNING every column); MariaDB creates through
    // Sequelize, then reads the row back: both return every attribute as stored.
    expect(created).toEqual(stored);
    expect(stored).toMatchObject({ id: created.id, name: 'lamp', state: 'draft', serial, note: null });
    expect((created.madeAt as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const viaSequelize = (await Gadget.create({ name: 'desk' })).get({ plain: true });
    expect(Object.keys(viaSequelize).filter((k) => !(k in created))).toEqual([]);
    const error = await gadgets.create({ state: 'x' } as never).catch((e) => e);
    expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
    expect(error.issues.map((i: { path: string }) => i.path)).toContain('name');
    const nulled = await gadgets.create({ name: null } as never).catch((e) => e);
    expect(isDalkitError(nulled, 'VALIDATION_FAILED')).toBe(true);
    expect(await Gadget.count()).toBe(2);
  });

  it('should update without Sequelize validation when it has nothing to check, and still refuse bad values', async () => {
    const gadgets = repositoryFor(Gadget);
    const created = await gadgets.create({ name: 'chair' });
    expect(await gadgets.update(created.id, { note: 'oak' })).toMatchObject({ name: 'chair', note: 'oak' });
    const error = await gadgets.update(created.id, { name: null } as never).catch((e) => e);
    expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
    const objectError = await gadgets.update(created.id, { name: { $gt: '' } } as never).catch((e) => e);
    expect(isDalkitError(objectError, 'VALIDATION_FAILED')).toBe(true);
    expect((await Gadget.findByPk(created.id))?.name).toBe('chair');
  });
});

describe('rowDecoder', () => {
  it('should nest a joined relation and give null when the LEFT JOIN found none', async () => {
    const { rowDecoder } = await import('../../src/_internal/row-decoder.js');
    const attributes = (...names: string[]) =>
      new Map(
        names.map((name) => [
          name,
          { name, column: name, kind: 'string', allowNull: true, enumValues: undefined },
        ]),
      );
    const user = { attributes: attributes('id', 'name'), primaryKey: { name: 'id' } };
    const order = { attributes: attributes('id', 'note'), primaryKey: { name: 'id' } };
    const decoder = rowDecoder(order as never, [{ name: 'user', target: user } as never]);
    expect(decoder.fromArray([1, 'a', 7, 'Ann'])).toEqual({ id: 1, note: 'a', user: { id: 7, name: 'Ann' } });
    expect(decoder.fromArray([2, null, null, null])).toEqual({ id: 2, note: null, user: null });
    expect(decoder.fromObject({ id: 3, note: 'b', 'user.id': 8, 'user.name': 'Bo' })).toEqual({
      id: 3,
      note: 'b',
      user: { id: 8, name: 'Bo' },
    });
  });
});
