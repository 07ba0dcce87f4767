import { isDalkitError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { QueryTypes, type Sequelize } from 'sequelize';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createMigrator, LockTimeoutError } from '../../src/index.js';
import { connect, dropAllTables, killSleepers, migrationsDir, removeDir } from '../helpers/database.js';
import { startRunner } from '../helpers/spawn-runner.js';

/**
 * Each migration logs one row per execution into run_log, creates its table, and pauses:
 * DALKIT_SLOW=before sleeps 30 s before its DDL, DALKIT_SLOW=after sleeps after it.
 */
function loggingMigration(table: string, sleepSql: string): string {
  const pause = (when: string) =>
    `await sequelize.query(process.env.DALKIT_SLOW === '${when}' ? ${JSON.stringify(sleepSql)} : ${JSON.stringify(sleepSql.replace('30', '0.1'))});`;
  return `export const up = async ({ name, context: { sequelize, log } }) => {
  await sequelize.query('INSERT INTO run_log (migration, pid) VALUES ($1, $2)', { bind: [name, process.pid] });
  log('migrating ' + name);
  ${pause('before')}
  await sequelize.query('CREATE TABLE ${table} (id integer PRIMARY KEY)');
  ${pause('after')}
};
export const down = async ({ context: { sequelize } }) => {
  await sequelize.query('DROP TABLE ${table}');
};
`;
}

describeEachTarget(
  'concurrent runners',
  (suite) => {
    let sequelize: Sequelize;
    let dir: string;
    const sleepSql = () =>
      suite.database.dialect === 'postgres' ? 'SELECT pg_sleep(30)' : 'SELECT SLEEP(30)';

    beforeAll(() => {
      sequelize = connect(suite.database);
    });
    afterAll(() => sequelize.close());
    beforeEach(async () => {
      await dropAllTables(sequelize);
      await sequelize.query('CREATE TABLE run_log (migration varchar(100) NOT NULL, pid integer NOT NULL)');
      dir = await migrationsDir({
        '20260101000001_first.mjs': loggingMigration('t_first', sleepSql()),
        '20260101000002_second.mjs': loggingMigration('t_second', sleepSql()),
        '20260101000003_third.mjs': loggingMigration('t_third', sleepSql()),
      });
      return () => removeDir(dir);
    });

    async function runLog(): Promise<string[]> {
      const rows = await sequelize.query<{ migration: string }>(
        'SELECT migration FROM run_log ORDER BY migration',
        {
          type: QueryTypes.SELECT,
        },
      );
      return rows.map((r) => r.migration);
    }

    it('should apply each migration exactly once when 5 processes start together', async () => {
      const runners = Array.from({ length: 5 }, () => startRunner(suite.database.url, dir));
      const codes = await Promise.all(runners.map((r) => r.exited));
      expect(codes, runners.map((r) => r.stderr).join('\n')).toEqual([0, 0, 0, 0, 0]);
      expect(await runLog()).toEqual([
        '20260101000001_first',
        '20260101000002_second',
        '20260101000003_third',
      ]);
      const applied = runners.flatMap((r) =>
        r.stdout.split('\n').filter((l) => l.includes('"event":"done"')),
      );
      const total = applied
        .map((l) => (JSON.parse(l) as { applied: string[] }).applied.length)
        .reduce((a, b) => a + b, 0);
      expect(total).toBe(3);
    }, 120_000);

    it('should let a waiter finish when the lock holder is killed mid-migration', async () => {
      const holder = startRunner(suite.database.url, dir, { env: { DALKIT_SLOW: 'before' } });
      await holder.printed('migrating 20260101000001_first');
      const waiter = startRunner(suite.database.url, dir, { lockTimeoutMs: 60_000 });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(waiter.stdout).not.toContain('migrating');
      holder.child.kill('SIGKILL');
      expect(await holder.exited).toBe('SIGKILL');
      expect(await waiter.exited, waiter.stderr).toBe(0);
      expect(await runLog()).toEqual([
        '20260101000001_first',
        '20260101000002_second',
        '20260101000003_third',
      ]);
    }, 120_000);

    it('should time out with LOCK_TIMEOUT naming the holder', async () => {
      const holder = startRunner(suite.database.url, dir, { env: { DALKIT_SLOW: 'before' } });
      await holder.printed('migrating 20260101000001_first');
      const migrator = createMigrator({ sequelize, migrations: dir, lockTimeoutMs: 300, lockPollMs: 50 });
      const error = await migrator.up().catch((e: unknown) => e);
      holder.child.kill('SIGKILL');
      await holder.exited;
      await killSleepers(sequelize);
      expect(error).toBeInstanceOf(LockTimeoutError);
      expect(isDalkitError(error, 'LOCK_TIMEOUT')).toBe(true);
      const lockError = error as LockTimeoutError;
      expect(lockError.holder?.pid).toBeGreaterThan(0);
      if (suite.database.dialect === 'postgres') {
        expect(lockError.holder?.applicationName).toMatch(/^dalkit-migrate .* pid \d+$/);
        expect(lockError.message).toContain(lockError.holder?.applicationName);
      }
      expect(lockError.message).toContain(`pid ${lockError.holder?.pid}`);
    }, 60_000);

    it('should report a crash that left schema changes instead of re-running over them', async () => {
      const holder = startRunner(suite.database.url, dir, { env: { DALKIT_SLOW: 'after' } });
      await holder.printed('migrating 20260101000001_first');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      holder.child.kill('SIGKILL');
      await holder.exited;
      await killSleepers(sequelize);
      const migrator = createMigrator({ sequelize, migrations: dir });
      if (suite.database.dialect === 'postgres') {
        // PostgreSQL rolled the whole migration back with the dead connection: nothing to report.
        expect((await migrator.status()).pending).toHaveLength(3);
        expect((await migrator.up()).migrations).toHaveLength(3);
        return;
      }
      // MariaDB committed the CREATE TABLE: the history says the attempt started and never finished.
      const status = await migrator.status();
      expect(status.incomplete).toEqual(['20260101000001_first']);
      const error = await migrator.up().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'OPERATION_REFUSED', reason: 'incomplete' });
      expect((error as Error).message).toContain('dalkit migrate repair');
      await sequelize.query('DROP TABLE t_first');
      await migrator.repair();
      expect((await migrator.up()).migrations).toHaveLength(3);
    }, 60_000);
  },
  { targets: ['postgres', 'mariadb'] },
);

describeEachTarget(
  'crash of a non-transactional migration',
  (suite) => {
    it('should show it as started in status and refuse up until repaired', async () => {
      const sequelize = connect(suite.database);
      const dir = await migrationsDir({
        '20260101000001_slow_index.mjs': `export const transaction = false;
export const up = async ({ context: { sequelize, log } }) => {
  log('creating crash_items');
  await sequelize.query('CREATE TABLE crash_items (id integer PRIMARY KEY)');
  if (process.env.DALKIT_SLOW) await sequelize.query('SELECT pg_sleep(30)');
  await sequelize.query('CREATE INDEX CONCURRENTLY crash_items_idx ON crash_items (id)');
};
export const down = async ({ context: { sequelize } }) => { await sequelize.query('DROP TABLE crash_items'); };
`,
      });
      const holder = startRunner(suite.database.url, dir, { env: { DALKIT_SLOW: 'after' } });
      await holder.printed('creating crash_items');
      await new Promise((resolve) => setTimeout(resolve, 500));
      holder.child.kill('SIGKILL');
      await holder.exited;
      await killSleepers(sequelize);
      const migrator = createMigrator({ sequelize, migrations: dir });
      const status = await migrator.status();
      expect(status.incomplete).toEqual(['20260101000001_slow_index']);
      expect(status.entries[0]?.state).toBe('started');
      await expect(migrator.up()).rejects.toMatchObject({ code: 'OPERATION_REFUSED', reason: 'incomplete' });
      await sequelize.query('DROP TABLE crash_items');
      expect((await migrator.repair()).incompleteRemoved).toEqual(['20260101000001_slow_index']);
      expect((await migrator.up()).migrations.map((m) => m.name)).toEqual(['20260101000001_slow_index']);
      await sequelize.close();
      await removeDir(dir);
    }, 60_000);
  },
  { targets: ['postgres'] },
);
