import { describeEachTarget } from '@dalkit/testing/vitest';
import { expect, it } from 'vitest';
import { createDatabase, isDalkitError, silentLogger } from '../../src/index.js';

describeEachTarget(
  'session settings',
  (suite) => {
    it('should stop a statement that runs longer than statementTimeoutMs', async () => {
      const db = createDatabase(
        { url: suite.database.url, statementTimeoutMs: 300, pool: { max: 1, min: 0 } },
        { logger: silentLogger, env: false },
      );
      try {
        const sleep = suite.target === 'mariadb' ? 'SELECT SLEEP(3) AS slept' : 'SELECT pg_sleep(3)';
        const started = Date.now();
        const outcome = await db.query<{ slept?: number }>(sleep).then(
          (rows) => rows,
          (error: unknown) => error,
        );
        const elapsed = Date.now() - started;
        expect(elapsed).toBeLessThan(2_000);
        if (suite.target === 'mariadb') {
          // MariaDB's SLEEP() returns 1 when interrupted by max_statement_time instead of failing.
          const failed = isDalkitError(outcome);
          expect(failed || Number((outcome as Array<{ slept: number }>)[0]?.slept) === 1).toBe(true);
        } else {
          expect(isDalkitError(outcome)).toBe(true);
        }
        expect(await db.query('SELECT 1 AS n')).toHaveLength(1);
      } finally {
        await db.close();
      }
    });

    it('should name the application in the server session', async () => {
      const db = createDatabase(
        { url: suite.database.url, applicationName: 'dalkit_session_test', pool: { max: 1, min: 0 } },
        { logger: silentLogger, env: false },
      );
      try {
        if (suite.target === 'mariadb') {
          const rows = await db.query<{ t: string }>('SELECT @@SESSION.max_statement_time AS t');
          expect(Number(rows[0]?.t)).toBe(0);
          return;
        }
        const rows = await db.query<{ name: string }>('SELECT current_setting($1) AS name', {
          bind: ['application_name'],
        });
        expect(rows[0]?.name).toBe('dalkit_session_test');
      } finally {
        await db.close();
      }
    });
  },
  { targets: ['postgres', 'mariadb'] },
);
