import { isDalkitError, type ValidationError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { beforeEach, describe, expect, it } from 'vitest';
import { orderRepository, seed } from '../support/fixtures.js';
import { Order } from '../support/models.js';
import { useTestSequelize } from '../support/setup.js';

describeEachTarget('Repository sorting and pagination', (suite) => {
  let userId: number;
  const repo = () => orderRepository({ maxPageSize: 50 });

  useTestSequelize(suite);
  beforeEach(async () => {
    const { ann } = await seed();
    userId = ann.id;
    await Order.destroy({ where: {}, force: true });
    // 30 orders, totals in ten groups of three: heavy ties on the sort key.
    await Order.bulkCreate(
      Array.from({ length: 30 }, (_, i) => ({
        userId,
        status: i % 2 ? 'paid' : 'new',
        total: Math.floor(i / 3) * 10,
        note: i % 4 === 0 ? null : `n${i % 5}`,
        placedAt: new Date(Date.UTC(2026, 0, 1 + (i % 7))),
      })),
    );
  });

  describe('sort', () => {
    it('should tie-break by primary key so equal keys keep a stable order', async () => {
      const rows = await repo().findAll({}, { sort: '-total' });
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [rows[i - 1], rows[i]] as [Order, Order];
        expect(
          a.total > b.total || (a.total === b.total && a.id < b.id) || (a.total === b.total && a.id > b.id),
        ).toBe(true);
      }
      const ids = rows.filter((r) => r.total === 90).map((r) => r.id);
      expect(ids).toEqual([...ids].sort((x, y) => y - x));
    });

    it('should sort by several fields with nulls first or last', async () => {
      const last = await repo().findAll({}, { sort: [{ field: 'note', nulls: 'last' }, '-total'] });
      expect(last.slice(-1)[0]?.note).toBeNull();
      expect(last[0]?.note).toBe('n0');
      const first = await repo().findAll(
        {},
        { sort: [{ field: 'note', direction: 'desc', nulls: 'first' }] },
      );
      expect(first[0]?.note).toBeNull();
      expect(first.find((r) => r.note !== null)?.note).toBe('n4');
    });
  });

  describe('offset pagination', () => {
    it('should return items, total, page, pageSize and hasNext', async () => {
      const page = await repo().findPage({ status: 'paid' }, { page: 2, pageSize: 4, sort: 'total' });
      expect(page.total).toBe(15);
      expect(page.page).toBe(2);
      expect(page.pageSize).toBe(4);
      expect(page.items).toHaveLength(4);
      expect(page.hasNext).toBe(true);
      const last = await repo().findPage(
        { status: 'paid' },
        { page: 4, pageSize: 4, sort: 'total', withTotal: false },
      );
      expect(last.items).toHaveLength(3);
      expect(last.hasNext).toBe(false);
      expect(last.total).toBeUndefined();
    });

    it('should walk every row exactly once across pages', async () => {
      const seen: number[] = [];
      for (let page = 1; page <= 4; page++) {
        const result = await repo().findPage({}, { page, pageSize: 8, sort: '-total' });
        seen.push(...result.items.map((r) => r.id));
      }
      expect(new Set(seen).size).toBe(30);
    });

    it('should cap the page size and refuse bad page numbers', async () => {
      for (const options of [
        { pageSize: 51 },
        { pageSize: 0 },
        { page: 0 },
        { page: 1.5 },
        { pageSize: '10' },
      ]) {
        const error = await repo()
          .findPage({}, options as never)
          .catch((e) => e);
        expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
      }
    });
  });

  describe('keyset pagination', () => {
    const walk = async (sort: string, size: number, inBetween?: (n: number) => Promise<void>) => {
      const seen: number[] = [];
      let after: string | undefined;
      for (let n = 0; n < 100; n++) {
        const page = await repo().findKeysetPage({}, { first: size, after, sort });
        seen.push(...page.items.map((r) => r.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor ?? undefined;
        await inBetween?.(n);
      }
      return seen;
    };

    it('should walk forward over ties without duplicates or gaps', async () => {
      const all = (await repo().findAll({}, { sort: '-total' })).map((r) => r.id);
      expect(await walk('-total', 4)).toEqual(all);
      expect(await walk('total,placedAt', 7)).toEqual(
        (await repo().findAll({}, { sort: 'total,placedAt' })).map((r) => r.id),
      );
    });

    it('should walk backward with last/before', async () => {
      const all = (await repo().findAll({}, { sort: '-total' })).map((r) => r.id);
      const first = await repo().findKeysetPage({}, { first: 5, sort: '-total' });
      const second = await repo().findKeysetPage(
        {},
        { first: 5, after: first.pageInfo.endCursor ?? '', sort: '-total' },
      );
      const back = await repo().findKeysetPage(
        {},
        { last: 5, before: second.pageInfo.startCursor ?? '', sort: '-total' },
      );
      expect(back.items.map((r) => r.id)).toEqual(all.slice(0, 5));
      expect(back.pageInfo.hasPreviousPage).toBe(false);
      expect(back.pageInfo.hasNextPage).toBe(true);
      const tail = await repo().findKeysetPage({}, { last: 3, sort: '-total' });
      expect(tail.items.map((r) => r.id)).toEqual(all.slice(-3));
      expect(tail.pageInfo.hasPreviousPage).toBe(true);
    });

    it('should neither skip nor duplicate existing rows while rows are inserted', async () => {
      const existing = new Set((await repo().findAll({})).map((r) => r.id));
      const seen = await walk('-total', 4, async (n) => {
        await Order.bulkCreate([
          { userId, status: 'new', total: 95 - n * 10, placedAt: new Date() },
          { userId, status: 'new', total: 40, placedAt: new Date() },
        ]);
      });
      const seenExisting = seen.filter((id) => existing.has(id));
      expect(new Set(seen).size).toBe(seen.length);
      expect(new Set(seenExisting)).toEqual(existing);
    });

    it('should return a total when asked and honour filters', async () => {
      const page = await repo().findKeysetPage(
        { status: 'paid' },
        { first: 2, sort: 'total', withTotal: true, withCursors: true },
      );
      expect(page.total).toBe(15);
      expect(page.items.every((r) => r.status === 'paid')).toBe(true);
      expect(page.cursors).toHaveLength(2);
    });

    it('should refuse tampered, foreign and malformed cursors', async () => {
      const page = await repo().findKeysetPage({}, { first: 2, sort: '-total' });
      const cursor = page.pageInfo.endCursor as string;
      const [body, signature] = cursor.split('.') as [string, string];
      const forged = Buffer.from(
        JSON.stringify({ s: JSON.parse(Buffer.from(body, 'base64url').toString()).s, v: [0, 1] }),
      ).toString('base64url');
      const other = orderRepository({ cursorSecret: 'another-secret' });
      const attempts: Array<() => Promise<unknown>> = [
        () => repo().findKeysetPage({}, { first: 2, after: `${forged}.${signature}`, sort: '-total' }),
        () =>
          repo().findKeysetPage({}, { first: 2, after: `${body}.${signature.slice(1)}x`, sort: '-total' }),
        () => repo().findKeysetPage({}, { first: 2, after: cursor, sort: 'total' }),
        () => other.findKeysetPage({}, { first: 2, after: cursor, sort: '-total' }),
        () => repo().findKeysetPage({}, { first: 2, after: "' OR 1=1 --", sort: '-total' }),
        () => repo().findKeysetPage({}, { first: 2, after: 'x'.repeat(5000), sort: '-total' }),
      ];
      for (const attempt of attempts) {
        const error = await attempt().catch((e: unknown) => e);
        expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
        expect((error as ValidationError).issues[0]?.path).toBe('after');
      }
    });

    it('should refuse nullable sort fields and mixing first with last', async () => {
      await expect(repo().findKeysetPage({}, { first: 2, sort: 'note' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      await expect(repo().findKeysetPage({}, { first: 2, last: 2 })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      await expect(repo().findKeysetPage({}, { first: 500 })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    });

    it('should handle mixed sort directions', async () => {
      const all = (await repo().findAll({}, { sort: '-total,placedAt' })).map((r) => r.id);
      expect(await walk('-total,placedAt', 6)).toEqual(all);
    });
  });
});
