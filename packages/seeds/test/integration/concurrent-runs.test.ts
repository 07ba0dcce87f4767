import { describeEachTarget } from '@dalkit/testing/vitest';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSeeder, defineSeed } from '../../src/index.js';
import { connect } from '../helpers/connect.js';
import { counts, resetSchema } from '../helpers/schema.js';

describeEachTarget(
  'createSeeder (two runners at once)',
  (suite) => {
    let first: Sequelize;
    let second: Sequelize;

    beforeAll(async () => {
      first = connect(suite.database);
      second = connect(suite.database);
      await resetSchema(first);
    });
    afterAll(async () => {
      await first.close();
      await second.close();
    });

    it('should run a seed once while the other runner waits, then skip it', async () => {
      // Not idempotent on purpose: a second execution would fail on the primary key.
      const slowFlags = defineSeed({
        name: 'slow-flags',
        environments: ['*'],
        async run(ctx) {
          const sleep =
            ctx.sequelize.getDialect() === 'postgres' ? 'SELECT pg_sleep(0.5)' : 'SELECT SLEEP(0.5)';
          await ctx.sequelize.query(sleep, { transaction: ctx.transaction });
          await ctx.bulkInsert('flags', [{ name: 'a' }, { name: 'b' }]);
        },
      });
      const seeder = (sequelize: Sequelize) =>
        createSeeder({ db: sequelize, seeds: [slowFlags], environment: 'test', env: {} });
      // Both see an empty history before either starts.
      await seeder(first).status();
      const results = await Promise.all([seeder(first).run(), seeder(second).run()]);
      expect(results.map((r) => r.executed.length).sort()).toEqual([0, 1]);
      expect(results.flatMap((r) => r.upToDate)).toEqual(['slow-flags']);
      expect((await counts(first)).flags).toBe(2);
    });
  },
  { targets: ['postgres', 'mariadb'] },
);
