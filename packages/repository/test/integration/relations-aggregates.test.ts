import { isDalkitError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { beforeEach, describe, expect, it } from 'vitest';
import { repositoryFor } from '../../src/index.js';
import { orderRepository, seed } from '../support/fixtures.js';
import { Order, Profile, User } from '../support/models.js';
import { useTestSequelize } from '../support/setup.js';

describeEachTarget('Repository includes and aggregates', (suite) => {
  let users: Awaited<ReturnType<typeof seed>>;
  const statements: string[] = [];
  const counted = (fastPath = true) => orderRepository({ onQuery: (sql) => statements.push(sql), fastPath });

  useTestSequelize(suite);
  beforeEach(async () => {
    users = await seed();
    await Profile.destroy({ where: {} });
    await Profile.create({ userId: users.ann.id, bio: 'hello' });
    statements.length = 0;
  });

  describe('include', () => {
    it('should load to-one, to-many and many-to-many relations with one query each, not one per row', async () => {
      for (const fastPath of [true, false]) {
        statements.length = 0;
        const rows = await counted(fastPath).findAll({}, { sort: 'id', include: ['user', 'tags'] });
        // PostgreSQL reads the to-one relation through a LEFT JOIN of the main statement.
        expect(statements).toHaveLength(suite.database.dialect === 'postgres' ? 2 : 3);
        expect((rows[0]?.user as { createdAt?: unknown } | undefined)?.createdAt).toBeInstanceOf(Date);
        expect(rows[0]?.user).toMatchObject({ email: 'ann@x.com' });
        expect(((rows[0]?.tags ?? []) as { label: string }[]).map((t) => t.label).sort()).toEqual([
          'blue',
          'red',
        ]);
        expect(rows[1]?.tags).toEqual([]);
        expect(rows[5]?.user).toMatchObject({ name: 'Cat' });
      }
    });

    it('should load has-one and has-many from the other side and build instances on request', async () => {
      const repo = repositoryFor(User, { sortable: ['email'], onQuery: (sql) => statements.push(sql) });
      const rows = await repo.findAll({}, { sort: 'email', include: ['orders', 'profile'] });
      expect(statements).toHaveLength(3);
      expect(((rows[0]?.orders ?? []) as unknown[]).length).toBe(2);
      expect(rows[0]?.profile).toMatchObject({ bio: 'hello' });
      expect(rows[1]?.profile).toBeNull();
      const [ann] = await repo.findAll({}, { sort: 'email', include: ['orders'], instances: true });
      expect(ann).toBeInstanceOf(User);
      expect(ann?.orders?.[0]).toBeInstanceOf(Order);
    });

    it('should hide soft-deleted related rows and refuse unknown relations', async () => {
      await Order.destroy({ where: { userId: users.ann.id } });
      const ann = await repositoryFor(User).findById(users.ann.id, { include: ['orders'] });
      expect(ann?.orders).toEqual([]);
      const error = await counted()
        .findAll({}, { include: ['secrets'] })
        .catch((e) => e);
      expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
      expect(error.issues[0].path).toBe('include[0]');
    });
  });

  describe('aggregate', () => {
    const repo = () => orderRepository({ aggregatable: ['status', 'total', 'userId', 'placedAt'] });

    it('should count, sum, avg, min and max over the whole table', async () => {
      const [row] = await repo().aggregate({
        metrics: {
          n: { fn: 'count' },
          sum: { fn: 'sum', field: 'total' },
          avg: { fn: 'avg', field: 'total' },
          lo: { fn: 'min', field: 'total' },
          hi: { fn: 'max', field: 'total' },
        },
      });
      expect(row).toEqual({ n: 6, sum: 1649, avg: expect.closeTo(274.83, 1), lo: 10, hi: 999 });
    });

    it('should group by allowlisted fields with a filter', async () => {
      const rows = await repo().aggregate({
        groupBy: ['status'],
        metrics: { n: { fn: 'count' }, revenue: { fn: 'sum', field: 'total' } },
        filter: { total: { lt: 900 } },
      });
      expect(rows).toEqual([
        { status: 'new', n: 1, revenue: 250 },
        { status: 'paid', n: 3, revenue: 360 },
        { status: 'shipped', n: 1, revenue: 40 },
      ]);
    });

    it('should return null sums for empty groups and refuse fields outside the allowlist', async () => {
      const [row] = await repo().aggregate({
        metrics: { s: { fn: 'sum', field: 'total' } },
        filter: { total: { gt: 10_000 } },
      });
      expect(row?.s).toBeNull();
      for (const options of [
        { groupBy: ['note'], metrics: { n: { fn: 'count' } } },
        { metrics: { s: { fn: 'sum', field: 'note' } } },
        { metrics: { s: { fn: 'median', field: 'total' } } },
        { metrics: { 'x) FROM users; --': { fn: 'count' } } },
        { metrics: {} },
      ]) {
        const error = await repo()
          .aggregate(options as never)
          .catch((e) => e);
        expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
      }
    });
  });
});
