import { isDalkitError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import type { Sequelize } from 'sequelize-typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orderRepository, seed } from '../support/fixtures.js';
import { openTestSequelize } from '../support/setup.js';

describeEachTarget('Repository.parseQuery', (suite) => {
  let sequelize: Sequelize;
  beforeAll(async () => {
    sequelize = await openTestSequelize(suite.database);
    await seed();
  });
  afterAll(async () => {
    await sequelize?.close();
  });

  it('should coerce URL values to the field types and run the listing', async () => {
    const repo = orderRepository();
    const query = repo.parseQuery(
      'filter[status][in]=paid,new&filter[total][gte]=100&filter[placedAt][lt]=2026-01-03&sort=-total,placedAt&page[size]=2',
    );
    expect(query.filter).toEqual({
      status: { in: ['paid', 'new'] },
      total: { gte: 100 },
      placedAt: { lt: new Date('2026-01-03') },
    });
    const page = await repo.findPage(query.filter, { sort: query.sort, pageSize: query.page.size });
    expect(page.items.map((o) => o.total)).toEqual([250, 100]);
    expect(page.total).toBe(2);
  });

  it.each([
    ['a string where a number belongs', 'filter[total]=abc', 'filter.total'],
    ['a field outside the allowlist', 'filter[createdAt][gt]=2020-01-01', 'filter.createdAt'],
    ['an unknown operator', 'filter[total][$where]=1', 'filter[total][$where]'],
    ['an unknown operator name', 'filter[total][gtx]=1', 'filter.total.gtx'],
    ['an injected sort key', 'sort=total;DROP TABLE orders', 'sort[0]'],
    ['a sort key outside the allowlist', 'sort=-createdAt', 'sort[0]'],
    ['a bad isNull', 'filter[note][isNull]=maybe', 'filter.note.isNull'],
  ])('should refuse %s', (_, query, path) => {
    let error: unknown;
    try {
      orderRepository().parseQuery(query);
    } catch (e) {
      error = e;
    }
    expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
    expect((error as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(path);
  });
});
