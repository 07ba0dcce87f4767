import { randomBytes } from 'node:crypto';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { expect, it } from 'vitest';
import { createDatabase, silentLogger, type TransientError } from '../../src/index.js';
import { onServer } from '../support/server-admin.js';

describeEachTarget(
  'dead connections',
  (suite) => {
    it('should give the next query a fresh connection right after pg_terminate_backend killed one mid-query', async () => {
      const applicationName = `dalkit_dead_${randomBytes(4).toString('hex')}`;
      const db = createDatabase(
        { url: suite.database.url, applicationName, pool: { max: 1, min: 0 } },
        { logger: silentLogger, env: false },
      );
      try {
        for (let round = 0; round < 3; round++) {
          // The next query is issued in the same tick the failure arrives, without yielding.
          const outcome = db.query('SELECT pg_sleep(10)').then(
            () => 'no error',
            (error: Error) =>
              db
                .query<{ n: number }>('SELECT 1 AS n')
                .then(
                  (rows) =>
                    `${(error as TransientError).code} ${(error as TransientError).reason} / ${rows[0]?.n}`,
                ),
          );
          let killed = 0;
          while (killed === 0) {
            await new Promise((resolve) => setTimeout(resolve, 20));
            const rows = await onServer<{ n: string }>(
              'postgres',
              `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = $1 AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()`,
              [applicationName],
            );
            killed = Number(rows[0]?.n);
          }
          const next = await outcome;
          expect(next).toBe('TRANSIENT connection / 1');
        }
      } finally {
        await db.close();
      }
    });

    it('should survive idle pooled connections losing their server, and reconnect', async () => {
      const applicationName = `dalkit_idle_${randomBytes(4).toString('hex')}`;
      const db = createDatabase(
        { url: suite.database.url, applicationName, pool: { max: 3, min: 0 } },
        { logger: silentLogger, env: false },
      );
      try {
        await Promise.all([1, 2, 3].map(() => db.query('SELECT pg_sleep(0.05)')));
        const rows = await onServer<{ n: string }>(
          'postgres',
          'SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = $1',
          [applicationName],
        );
        expect(Number(rows[0]?.n)).toBe(3);
        await new Promise((resolve) => setTimeout(resolve, 200));
        const results = await Promise.all([1, 2, 3].map(() => db.query<{ n: number }>('SELECT 1 AS n')));
        expect(results.map((r) => r[0]?.n)).toEqual([1, 1, 1]);
      } finally {
        await db.close();
      }
    });
  },
  { targets: ['postgres'] },
);

describeEachTarget(
  'dead connections',
  (suite) => {
    it('should survive idle pooled connections being killed, and reconnect', async () => {
      const db = createDatabase(
        { url: suite.database.url, pool: { max: 3, min: 0 } },
        { logger: silentLogger, env: false },
      );
      try {
        await Promise.all([1, 2, 3].map(() => db.query('SELECT SLEEP(0.05)')));
        const sessions = await onServer<{ id: number }>(
          'mariadb',
          'SELECT id FROM information_schema.processlist WHERE db = ?',
          [suite.database.database],
        );
        expect(sessions).toHaveLength(3);
        for (const { id } of sessions) await onServer('mariadb', `KILL CONNECTION ${Number(id)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        const results = await Promise.all([1, 2, 3].map(() => db.query<{ n: number }>('SELECT 1 AS n')));
        expect(results.map((r) => r[0]?.n)).toEqual([1, 1, 1]);
      } finally {
        await db.close();
      }
    });
  },
  { targets: ['mariadb'] },
);
