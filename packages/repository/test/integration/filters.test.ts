import { isDalkitError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { beforeEach, describe, expect, it } from 'vitest';
import { orderRepository, seed } from '../support/fixtures.js';
import { Order, User } from '../support/models.js';
import { useTestSequelize } from '../support/setup.js';

const INJECTIONS = [
  "'; DROP TABLE orders; --",
  '1 OR 1=1',
  "paid' OR '1'='1",
  '") OR ("1"="1',
  '\\',
  '$1',
  "\u0000'",
];

describeEachTarget('Repository filters', (suite) => {
  const repo = () => orderRepository();
  const totals = async (filter: object) =>
    (await repo().findAll(filter as never, { sort: 'id' })).map((r) => r.total);
  const snapshot = async () =>
    JSON.stringify(await Order.findAll({ paranoid: false, order: [['id', 'ASC']], raw: true }));

  useTestSequelize(suite);
  beforeEach(async () => {
    await seed();
  });

  describe('operators', () => {
    it('should apply eq (bare value and object) and ne', async () => {
      expect(await totals({ status: 'paid' })).toEqual([100, 250, 10]);
      expect(await totals({ status: { eq: 'new' } })).toEqual([250]);
      expect(await totals({ status: { ne: 'paid' } })).toEqual([250, 40, 999]);
    });

    it('should apply gt, gte, lt, lte and between', async () => {
      expect(await totals({ total: { gt: 250 } })).toEqual([999]);
      expect(await totals({ total: { gte: 250 } })).toEqual([250, 250, 999]);
      expect(await totals({ total: { lt: 40 } })).toEqual([10]);
      expect(await totals({ total: { lte: 40 } })).toEqual([40, 10]);
      expect(await totals({ total: { between: [40, 100] } })).toEqual([100, 40]);
      expect(await totals({ placedAt: { gte: '2026-01-05T00:00:00Z' } })).toEqual([999, 10]);
      expect(await totals({ placedAt: { lt: new Date(Date.UTC(2026, 0, 2)) } })).toEqual([100]);
    });

    it('should apply in and notIn, including empty lists', async () => {
      expect(await totals({ status: { in: ['new', 'shipped'] } })).toEqual([250, 40]);
      expect(await totals({ status: { notIn: ['paid', 'cancelled'] } })).toEqual([250, 40]);
      expect(await totals({ status: { in: [] } })).toEqual([]);
      expect(await totals({ status: { notIn: [] } })).toHaveLength(6);
    });

    it('should apply like and ilike', async () => {
      expect(await totals({ note: { like: 'gift%' } })).toEqual([100, 999]);
      expect(await totals({ note: { ilike: 'rUSH' } })).toEqual([250]);
    });

    it('should apply isNull and null equality', async () => {
      expect(await totals({ note: { isNull: true } })).toEqual([250, 40, 10]);
      expect(await totals({ note: { isNull: false } })).toEqual([100, 250, 999]);
      expect(await totals({ note: null })).toEqual([250, 40, 10]);
      expect(await totals({ note: { ne: null } })).toEqual([100, 250, 999]);
    });

    it('should combine and, or and not', async () => {
      expect(await totals({ or: [{ status: 'new' }, { total: { gt: 500 } }] })).toEqual([250, 999]);
      expect(await totals({ and: [{ status: 'paid' }, { total: { lt: 200 } }] })).toEqual([100, 10]);
      expect(await totals({ not: { status: 'paid' } })).toEqual([250, 40, 999]);
      expect(await totals({ status: 'paid', not: { or: [{ total: 10 }, { total: 100 }] } })).toEqual([250]);
    });

    it('should filter on to-one, to-many and many-to-many related fields', async () => {
      expect(await totals({ 'user.email': { ilike: '%@x.com' } })).toEqual([100, 250, 999, 10]);
      expect(await totals({ 'user.name': 'Bob', status: 'paid' })).toEqual([250]);
      expect(await totals({ 'tags.label': 'blue' })).toEqual([100, 250]);
      expect(await totals({ 'tags.label': { in: ['red', 'blue'] } })).toEqual([100, 250]);
    });
  });

  describe('rejected input', () => {
    const rejects = async (filter: unknown, path: string, rule?: string) => {
      const error = await repo()
        .findAll(filter as never)
        .catch((e) => e);
      expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
      expect(error.issues.map((i: { path: string }) => i.path)).toContain(path);
      if (rule) expect(error.issues.find((i: { path: string }) => i.path === path).rule).toBe(rule);
    };

    it('should refuse fields outside the allowlist, including real columns', async () => {
      await rejects({ createdAt: { gt: '2020-01-01' } }, 'filter.createdAt', 'unknownField');
      await rejects({ secret: 1 }, 'filter.secret', 'unknownField');
      await rejects({ 'user.age': 3 }, 'filter.user.age', 'unknownField');
      await rejects({ or: [{ nope: 1 }] }, 'filter.or[0].nope', 'unknownField');
    });

    it('should refuse unknown operators and operator objects smuggled as values', async () => {
      await rejects({ total: { $gt: 1 } }, 'filter.total.$gt', 'unknownOperator');
      await rejects({ status: { eq: { ne: 'x' } } }, 'filter.status.eq', 'type');
      await rejects({ status: ['paid'] }, 'filter.status', 'type');
      await rejects({ total: { in: [1, { gt: 2 }] } }, 'filter.total.in[1]', 'type');
    });

    it('should refuse values of the wrong type', async () => {
      await rejects({ total: '10' }, 'filter.total', 'type');
      await rejects({ total: { gte: 'abc' } }, 'filter.total.gte', 'type');
      await rejects({ total: 1.5 }, 'filter.total', 'type');
      await rejects({ placedAt: 'yesterday' }, 'filter.placedAt', 'type');
      await rejects({ total: { like: '1%' } }, 'filter.total.like', 'type');
      await rejects({ total: { between: [1] } }, 'filter.total.between', 'type');
      await rejects({ note: { isNull: 'yes' } }, 'filter.note.isNull', 'type');
      await rejects({ or: [] }, 'filter.or', 'type');
      await rejects({ or: { status: 'paid' } }, 'filter.or', 'type');
    });

    it('should report every issue at once', async () => {
      const error = await repo()
        .findAll({ total: 'x', nope: 1 } as never)
        .catch((e) => e);
      expect(error.issues).toHaveLength(2);
    });

    it('should refuse sort keys outside the allowlist and malformed directions', async () => {
      for (const sort of ['createdAt', 'total; DROP TABLE orders', '-id desc', 'total,', ['--total']]) {
        const error = await repo()
          .findAll({}, { sort: sort as never })
          .catch((e) => e);
        expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
      }
      const error = await repo()
        .findAll({}, { sort: [{ field: 'total', direction: 'sideways' as never }] })
        .catch((e) => e);
      expect(error.issues[0].path).toBe('sort[0].direction');
    });

    it('should treat injection strings in values as plain data and leave the data unchanged', async () => {
      const before = await snapshot();
      // Each value either matches nothing or is refused as invalid (NUL bytes, dangling LIKE escape).
      const none = async (work: Promise<unknown>) => {
        const result = await work.catch((e) => e);
        if (result instanceof Error) expect(result).toMatchObject({ code: 'VALIDATION_FAILED' });
        else expect(result).toSatisfy((r) => r === 0 || (Array.isArray(r) && r.length === 0));
      };
      for (const value of INJECTIONS) {
        await none(repo().findAll({ status: value }));
        await none(repo().findAll({ note: { like: value } }));
        await none(repo().findAll({ 'user.email': { ilike: value } }));
        await none(repo().count({ status: { in: [value, 'x'] } }));
        await none(repo().updateWhere({ status: value }, { note: 'hacked' }));
        await none(repo().deleteWhere({ note: value }));
      }
      expect(await snapshot()).toBe(before);
      expect(await User.count()).toBe(3);
    });

    it('should refuse injection strings used as field names and sort keys, and change nothing', async () => {
      const before = await snapshot();
      for (const value of INJECTIONS) {
        await expect(repo().findAll({ [value]: 1 } as never)).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
        });
        await expect(repo().findAll({}, { sort: value as never })).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
        });
        await expect(repo().deleteWhere({ [value]: 1 } as never)).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
        });
        await expect(repo().updateWhere({ status: 'paid' }, { [value]: 1 } as never)).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
        });
      }
      expect(await snapshot()).toBe(before);
    });
  });
});
