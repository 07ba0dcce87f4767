import { isDalkitError, NotFoundError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { beforeEach, describe, expect, it } from 'vitest';
import { repositoryFor } from '../../src/index.js';
import { orderRepository, seed } from '../support/fixtures.js';
import { Order, User } from '../support/models.js';
import { useTestSequelize } from '../support/setup.js';

describeEachTarget('Repository CRUD', (suite) => {
  let users: Awaited<ReturnType<typeof seed>>;
  const orders = () => orderRepository();
  useTestSequelize(suite);
  beforeEach(async () => {
    users = await seed();
  });

  describe('findById / getById', () => {
    it('should return a plain object or null', async () => {
      const repo = repositoryFor(User);
      const found = await repo.findById(users.ann.id);
      expect(found).toMatchObject({
        id: users.ann.id,
        email: 'ann@x.com',
        name: 'Ann',
        age: 30,
        active: true,
      });
      expect(found).not.toBeInstanceOf(User);
      expect(found?.createdAt).toBeInstanceOf(Date);
      expect(await repo.findById(999_999)).toBeNull();
    });

    it('should return a model instance when asked', async () => {
      const found = await repositoryFor(User).findById(users.cat.id, { instances: true });
      expect(found).toBeInstanceOf(User);
      expect(found?.active).toBe(false);
      expect(found?.isNewRecord).toBe(false);
    });

    it('should throw NotFoundError naming the entity and id', async () => {
      const error = await repositoryFor(User)
        .getById(424242)
        .catch((e) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toContain('User');
      expect(error.message).toContain('424242');
    });

    it('should refuse an id of the wrong type before any SQL', async () => {
      const error = await repositoryFor(User)
        .findById('1 OR 1=1')
        .catch((e) => e);
      expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
      expect(error.issues[0].path).toBe('id');
    });
  });

  describe('findOne / findAll / exists / count', () => {
    it('should filter, sort and limit', async () => {
      const rows = await orders().findAll({ status: 'paid' }, { sort: '-total' });
      expect(rows.map((r) => r.total)).toEqual([250, 100, 10]);
      const one = await orders().findOne({ total: { gte: 200 } }, { sort: ['total', '-placedAt'] });
      expect(one?.total).toBe(250);
      expect(one?.userId).toBe(users.bob.id);
      expect(await orders().findAll({}, { sort: 'id', limit: 2, offset: 1 })).toHaveLength(2);
    });

    it('should count and test existence', async () => {
      expect(await orders().count()).toBe(6);
      expect(await orders().count({ status: { in: ['paid', 'new'] } })).toBe(4);
      expect(await orders().exists({ status: 'shipped' })).toBe(true);
      expect(await orders().exists({ total: { gt: 5000 } })).toBe(false);
    });
  });

  describe('create / createMany', () => {
    it('should create through the model (validation runs) and return a plain object', async () => {
      const created = await orders().create({
        userId: users.ann.id,
        status: 'new',
        total: 5,
        placedAt: new Date(),
      });
      expect(created.id).toBeGreaterThan(0);
      expect(await Order.count()).toBe(7);
    });

    it('should insert many rows in batches', async () => {
      const rows = Array.from({ length: 2500 }, (_, i) => ({
        userId: users.bob.id,
        status: 'new',
        total: i,
        placedAt: new Date(Date.UTC(2026, 1, 1, 0, 0, i)),
      }));
      expect(await orders().createMany(rows)).toBe(2500);
      expect(await Order.count({ where: { userId: users.bob.id } })).toBe(2502);
      const sample = await Order.findOne({ where: { total: 2499 } });
      expect(sample?.createdAt).toBeInstanceOf(Date);
    });

    it('should refuse unknown fields in createMany and write nothing', async () => {
      const error = await orders()
        .createMany([{ userId: users.ann.id, status: 'new', total: 1, 'x; DROP TABLE orders': 1 } as never])
        .catch((e) => e);
      expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
      expect(await Order.count()).toBe(6);
    });
  });

  describe('update / updateWhere', () => {
    it('should update by id and return the updated row', async () => {
      const [first] = await orders().findAll({}, { sort: 'id', limit: 1 });
      const updated = await orders().update(first?.id, { status: 'shipped' });
      expect(updated.status).toBe('shipped');
      expect((await Order.findByPk(first?.id))?.status).toBe('shipped');
    });

    it('should throw NotFoundError for a missing id', async () => {
      await expect(orders().update(987_654, { status: 'paid' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('should update every matching row and return the count', async () => {
      expect(await orders().updateWhere({ status: 'paid' }, { note: 'bulk' })).toBe(3);
      expect(await Order.count({ where: { note: 'bulk' } })).toBe(3);
    });

    it('should run model validators on the patch', async () => {
      const error = await orders()
        .updateWhere({ status: 'paid' }, { status: 'bogus' })
        .catch((e) => e);
      expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
      expect(await Order.count({ where: { status: 'bogus' } })).toBe(0);
    });
  });

  describe('delete / deleteWhere', () => {
    it('should soft-delete a paranoid row and hide it', async () => {
      const [first] = await orders().findAll({}, { sort: 'id', limit: 1 });
      await orders().delete(first?.id);
      expect(await orders().findById(first?.id)).toBeNull();
      expect(await orders().findById(first?.id, { withDeleted: true })).not.toBeNull();
      expect(await Order.count({ paranoid: false })).toBe(6);
      await expect(orders().delete(first?.id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('should hard-delete a non-paranoid row', async () => {
      const repo = repositoryFor(User, { filterable: ['email'] });
      await Order.destroy({ where: { userId: users.cat.id }, force: true });
      await repo.delete(users.cat.id);
      expect(await User.findByPk(users.cat.id)).toBeNull();
    });

    it('should delete where a filter matches and refuse an empty filter', async () => {
      expect(await orders().deleteWhere({ status: 'paid' })).toBe(3);
      expect(await orders().count()).toBe(3);
      await expect(orders().deleteWhere({})).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  describe('upsert', () => {
    it('should insert then update on the conflict key', async () => {
      const repo = repositoryFor(User);
      const first = await repo.upsert({ email: 'new@x.com', name: 'New' }, { conflictOn: ['email'] });
      expect(first.item.name).toBe('New');
      const second = await repo.upsert({ email: 'new@x.com', name: 'Renamed' }, { conflictOn: ['email'] });
      expect(second.item.name).toBe('Renamed');
      expect(second.item.id).toBe(first.item.id);
      expect(await User.count({ where: { email: 'new@x.com' } })).toBe(1);
    });
  });
});
