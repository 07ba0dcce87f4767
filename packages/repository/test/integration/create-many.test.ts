import { isDalkitError, withTransaction } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { beforeEach, expect, it } from 'vitest';
import { orderRepository, seed } from '../support/fixtures.js';
import { Order } from '../support/models.js';
import { useTestSequelize } from '../support/setup.js';

describeEachTarget('Repository createMany through the shared bulk writer', (suite) => {
  let users: Awaited<ReturnType<typeof seed>>;
  const sequelize = useTestSequelize(suite);
  beforeEach(async () => {
    users = await seed();
  });
  const rows = (count: number, note: string | null = null) =>
    Array.from({ length: count }, (_, i) => ({
      userId: users.ann.id,
      status: 'new',
      total: i,
      note,
      placedAt: new Date('2026-03-10T01:30:00-08:00'),
    }));

  it('should fill timestamps and keep tricky text and dates intact', async () => {
    const note = 'tab\there, line\nbreak, back\\slash, \\N, quote " ✓';
    expect(await orderRepository().createMany(rows(3, note))).toBe(3);
    const written = await Order.findAll({ where: { note }, raw: true });
    expect(written).toHaveLength(3);
    for (const order of written) {
      expect(order.placedAt).toEqual(new Date('2026-03-10T09:30:00Z'));
      expect(order.createdAt).toBeInstanceOf(Date);
      expect(order.updatedAt).toEqual(order.createdAt);
    }
  });

  it('should join the ambient transaction and roll back with it', async () => {
    const repo = orderRepository();
    const boom = new Error('after the load');
    await expect(
      withTransaction(sequelize(), async () => {
        expect(await repo.createMany(rows(2_000))).toBe(2_000);
        expect(await repo.count()).toBe(2_006);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await Order.count()).toBe(6);
  });

  it('should roll back the transaction whose load failed, mapped to a dalkit error', async () => {
    const repo = orderRepository();
    const error = await withTransaction(sequelize(), async (transaction) => {
      await repo.create(
        { userId: users.bob.id, status: 'new', total: 1, placedAt: new Date() },
        { transaction },
      );
      await repo.createMany([...rows(100), { ...rows(1)[0], userId: 987_654 }], { transaction });
    }).catch((e) => e);
    expect(isDalkitError(error, 'FOREIGN_KEY_VIOLATION')).toBe(true);
    expect(await Order.count()).toBe(6);
  });
});
