import { randomBytes } from 'node:crypto';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { expect, it } from 'vitest';
import { createDatabase, type HealthReport, isDalkitError, silentLogger } from '../../src/index.js';
import { sessionCount } from '../support/server-admin.js';

describeEachTarget(
  'pool limits',
  (suite) => {
    it('should never hold more than pool.max sessions on the server under 50 concurrent queries', async () => {
      const applicationName = `dalkit_pool_${randomBytes(4).toString('hex')}`;
      const server = suite.target as 'postgres' | 'mariadb';
      const key = server === 'postgres' ? applicationName : suite.database.database;
      const db = createDatabase(
        { url: suite.database.url, applicationName, pool: { max: 5, min: 0 } },
        { logger: silentLogger, env: false },
      );
      const sleep = server === 'postgres' ? 'SELECT pg_sleep(0.05)' : 'SELECT SLEEP(0.05)';
      let sampling = true;
      const samples: number[] = [];
      const sampler = (async () => {
        while (sampling) samples.push(await sessionCount(server, key));
      })();
      let midLoad: HealthReport | undefined;
      try {
        await db.connect();
        const queries = Array.from({ length: 50 }, () => db.query(sleep));
        await new Promise((resolve) => setTimeout(resolve, 150));
        // health() reads the pool figures as it starts, then queues its own round trip.
        const health = db.health();
        await Promise.all(queries);
        midLoad = await health;
      } finally {
        sampling = false;
        await sampler;
        await db.close();
      }
      expect(samples.length).toBeGreaterThan(3);
      expect(Math.max(...samples)).toBe(5);
      expect(midLoad?.pool).toMatchObject({ size: 5, idle: 0, max: 5, min: 0 });
      expect(midLoad?.pool.using).toBeGreaterThanOrEqual(1);
      expect(midLoad?.pool.using).toBeLessThanOrEqual(5);
      expect(midLoad?.pool.waiting).toBeGreaterThan(20);
      // close() ends every session; the server lists a quitting session until its thread has gone.
      await expect.poll(() => sessionCount(server, key), { timeout: 2_000, interval: 50 }).toBe(0);
    });
  },
  { targets: ['postgres', 'mariadb'] },
);

describeEachTarget('pool acquire timeout', (suite) => {
  it('should fail a query that waits longer than acquireTimeoutMs for a connection', async () => {
    const db = createDatabase(
      { url: suite.database.url, pool: { max: 1, min: 0, acquireTimeoutMs: 300 } },
      { logger: silentLogger, env: false },
    );
    try {
      await db.connect();
      // An open transaction holds the only connection (a server-side sleep would block PGlite's thread).
      const held = await db.sequelize.transaction();
      const started = Date.now();
      const error = await db.query('SELECT 1').catch((e: unknown) => e as Error);
      const waited = Date.now() - started;
      await held.rollback();
      expect(isDalkitError(error, 'TIMEOUT')).toBe(true);
      expect(((error as Error).cause as Error).name).toBe('SequelizeConnectionAcquireTimeoutError');
      expect(waited).toBeGreaterThanOrEqual(290);
      expect(waited).toBeLessThan(1_500);
      expect(await db.query('SELECT 1 AS n')).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});

describeEachTarget(
  'pool min and idle',
  (suite) => {
    it('should close idle connections above pool.min after pool.idleMs, keeping pool.min open', async () => {
      const db = createDatabase(
        { url: suite.database.url, pool: { min: 2, max: 5, idleMs: 200 } },
        { logger: silentLogger, env: false },
      );
      try {
        const sleep = suite.target === 'mariadb' ? 'SELECT SLEEP(0.1)' : 'SELECT pg_sleep(0.1)';
        await Promise.all(Array.from({ length: 5 }, () => db.query(sleep)));
        expect((await db.health()).pool.size).toBe(5);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        const { pool } = await db.health();
        expect(pool).toMatchObject({ size: 2, min: 2, max: 5 });
      } finally {
        await db.close();
      }
    });
  },
  { targets: ['postgres', 'mariadb'] },
);
