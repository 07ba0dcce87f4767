import { describeEachTarget } from '@dalkit/testing/vitest';
import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize-typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orderRepository, seed } from '../support/fixtures.js';
import { openTestSequelize } from '../support/setup.js';

describeEachTarget(
  'Keyset pagination SQL',
  (suite) => {
    let sequelize: Sequelize;
    beforeAll(async () => {
      sequelize = await openTestSequelize(suite.database);
      const { ann } = await seed();
      await sequelize.query(
        `INSERT INTO orders (user_id, status, total, placed_at, created_at, updated_at)
         SELECT ${ann.id}, 'paid', g % 500, now() - g * interval '1 minute', now(), now() FROM generate_series(1, 50000) g`,
      );
      await sequelize.query(
        'CREATE INDEX orders_status_placed_id ON orders (status, placed_at DESC, id DESC)',
      );
      await sequelize.query('ANALYZE orders');
    });
    afterAll(async () => {
      await sequelize?.close();
    });

    it('should seek with a row-value comparison served by the matching index', async () => {
      const statements: string[] = [];
      const repo = orderRepository({ onQuery: (sql) => statements.push(sql) });
      const first = await repo.findKeysetPage({ status: 'paid' }, { first: 50, sort: '-placedAt' });
      statements.length = 0;
      const second = await repo.findKeysetPage(
        { status: 'paid' },
        { first: 50, after: first.pageInfo.endCursor ?? '', sort: '-placedAt' },
      );
      expect(second.items).toHaveLength(50);
      const sql = statements[0] as string;
      expect(sql).toContain('("t"."placed_at", "t"."id") < ($2, $3)');
      const last = first.items.at(-1);
      const rows = await sequelize.query(`EXPLAIN (FORMAT JSON) ${sql}`, {
        bind: ['paid', last?.placedAt, last?.id, 51],
        type: QueryTypes.SELECT,
      });
      const text = JSON.stringify(rows);
      expect(text).toContain('orders_status_placed_id');
      expect(text).toContain('Index Cond');
      expect(text).not.toContain('"Sort"');
      expect(text).not.toContain('Rows Removed by Filter');
    });
  },
  { targets: ['postgres'] },
);
