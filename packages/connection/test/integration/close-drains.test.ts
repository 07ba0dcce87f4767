import { describeEachTarget } from '@dalkit/testing/vitest';
import { expect, it } from 'vitest';
import { createDatabase, silentLogger } from '../../src/index.js';

describeEachTarget(
  'close()',
  (suite) => {
    it('should let queries already running finish, then close every connection', async () => {
      const db = createDatabase(
        { url: suite.database.url, pool: { max: 3, min: 0 } },
        { logger: silentLogger, env: false },
      );
      await db.connect();
      const sleep =
        suite.target === 'mariadb' ? 'SELECT SLEEP(0.3) AS done' : 'SELECT pg_sleep(0.3), 1 AS done';
      const running = [db.query(sleep), db.query(sleep)];
      await new Promise((resolve) => setTimeout(resolve, 50));
      const closed = db.close();
      const results = await Promise.allSettled(running);
      await closed;
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      expect((await db.health()).pool.size).toBe(0);
    });
  },
  { targets: ['postgres', 'mariadb'] },
);
