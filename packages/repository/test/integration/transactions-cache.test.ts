import { isDalkitError, withTransaction } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLruCache } from '../../src/index.js';
import { orderRepository, seed } from '../support/fixtures.js';
import { Order } from '../support/models.js';
import { useTestSequelize } from '../support/setup.js';

describeEachTarget('Repository transactions, locks and cache', (suite) => {
  let users: Awaited<ReturnType<typeof seed>>;
  const statements: string[] = [];

  const sequelize = useTestSequelize(suite);
  beforeEach(async () => {
    users = await seed();
    statements.length = 0;
  });

  describe('transactions', () => {
    for (const fastPath of [true, false]) {
      it(`should join the ambient transaction and roll back with it (fastPath ${fastPath})`, async () => {
        const repo = orderRepository({ fastPath });
        let id = 0;
        const failure = await withTransaction(sequelize(), async () => {
          const created = await repo.create({
            userId: users.ann.id,
            status: 'new',
            total: 7,
            placedAt: new Date(),
          });
          id = created.id;
          expect(await repo.findById(id)).not.toBeNull();
          expect(await repo.count({ total: 7 })).toBe(1);
          await repo.updateWhere({ total: 7 }, { note: 'in tx' });
          expect((await repo.findOne({ note: 'in tx' }))?.id).toBe(id);
          throw new Error('roll back');
        }).catch((e) => e);
        expect(failure.message).toBe('roll back');
        expect(await repo.findById(id)).toBeNull();
        expect(await Order.count()).toBe(6);
      });
    }

    it('should use an explicit transaction', async () => {
      const repo = orderRepository();
      const tx = await sequelize().transaction();
      const created = await repo.create(
        { userId: users.bob.id, status: 'new', total: 8, placedAt: new Date() },
        { transaction: tx },
      );
      expect(await repo.findById(created.id, { transaction: tx })).not.toBeNull();
      await repo.delete(created.id, { transaction: tx, force: true });
      await tx.commit();
      expect(await repo.findById(created.id)).toBeNull();
    });

    it('should take row locks only inside a transaction', async () => {
      const repo = orderRepository();
      const error = await repo.findAll({}, { lock: 'update' }).catch((e) => e);
      expect(isDalkitError(error, 'TRANSACTION_STATE')).toBe(true);
      await withTransaction(sequelize(), async () => {
        const rows = await repo.findAll(
          { status: 'paid' },
          { lock: { strength: 'update', skipLocked: true } },
        );
        expect(rows).toHaveLength(3);
        expect(await repo.findById(rows[0]?.id, { lock: 'share' })).not.toBeNull();
        const withUser = await repo.findAll({ status: 'paid' }, { lock: 'update', include: ['user'] });
        expect(withUser[0]?.user).toMatchObject({ id: expect.any(Number) });
      });
    });
  });

  describe('cache', () => {
    it('should serve repeated reads from the cache until a write through the repository', async () => {
      const repo = orderRepository({ cache: { ttlMs: 60_000 }, onQuery: (sql) => statements.push(sql) });
      const [first] = await Order.findAll({ order: [['id', 'ASC']], limit: 1 });
      await repo.findById(first?.id);
      await repo.findById(first?.id);
      await repo.count({ status: 'paid' });
      await repo.count({ status: 'paid' });
      expect(statements).toHaveLength(2);
      await Order.update({ note: 'behind its back' }, { where: { id: first?.id } });
      expect((await repo.findById(first?.id))?.note).not.toBe('behind its back');
      await repo.update(first?.id, { note: 'through the repository' });
      expect((await repo.findById(first?.id))?.note).toBe('through the repository');
      await repo.createMany([{ userId: users.ann.id, status: 'paid', total: 1, placedAt: new Date() }]);
      expect(await repo.count({ status: 'paid' })).toBe(4);
    });

    it('should never use the cache inside a transaction', async () => {
      const store = createLruCache();
      const repo = orderRepository({ cache: { store }, onQuery: (sql) => statements.push(sql) });
      await withTransaction(sequelize(), async () => {
        await repo.count();
        await repo.count();
      });
      expect(statements).toHaveLength(2);
      expect(store.get('count:[null,null]')).toBeUndefined();
    });

    it('should return copies so callers cannot corrupt cached rows', async () => {
      const repo = orderRepository({ cache: true });
      const [first] = await repo.findAll({}, { sort: 'id', limit: 1 });
      const a = await repo.findById(first?.id);
      if (a) a.total = -1;
      expect((await repo.findById(first?.id))?.total).toBe(first?.total);
    });
  });
});
