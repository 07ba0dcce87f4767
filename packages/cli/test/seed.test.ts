import { rm } from 'node:fs/promises';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDalkit } from './helpers/run-dalkit.js';
import { createSeedProject, createSeedTables, seedCounts, withSql } from './seed-support/project.js';

const SEEDED = { countries: 2, users: 1, posts: 100, dalkit_seeds: 3 };

describeEachTarget('dalkit seed (child process)', (suite) => {
  let cwd = '';
  let env: Record<string, string> = {};
  const dalkit = (...args: string[]) => runDalkit(args, { cwd, env });
  const counts = () => withSql(suite.database.url, seedCounts);

  beforeAll(async () => {
    cwd = await createSeedProject();
    env = {
      DATABASE_URL: suite.database.url,
      ...(suite.database.maxConnections === 1 ? { DB_POOL_MAX: '1', DB_POOL_MIN: '0' } : {}),
    };
    await withSql(suite.database.url, createSeedTables);
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  describe('run and status', () => {
    it('should report every seed pending before the first run', async () => {
      const status = await dalkit('seed', 'status', '--json');
      expect(status.code).toBe(0);
      const body = status.json();
      expect(body).toMatchObject({ ok: true, command: 'seed status', environment: 'development' });
      expect((body.seeds as Array<{ name: string; state: string }>).map((s) => [s.name, s.state])).toEqual([
        ['countries', 'pending'],
        ['users', 'pending'],
        ['sample-posts', 'pending'],
      ]);
    });

    it('should seed in dependency order, then do nothing and say so', async () => {
      const first = await dalkit('seed', 'run');
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/✓ countries\s+2 rows/);
      expect(first.stdout).toContain('Seeded 3 seeds (development): countries, users, sample-posts.');
      expect(await counts()).toEqual(SEEDED);

      const second = await dalkit('seed', 'run', '--json');
      expect(second.code).toBe(0);
      expect(second.json()).toMatchObject({
        ok: true,
        executed: [],
        message: 'Nothing to seed: 3 seeds up to date (development).',
      });
      expect(await counts()).toEqual(SEEDED);
    });

    it('should print human status with the time and environment of each run', async () => {
      const status = await dalkit('seed', 'status');
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(
        /^countries\s+ran\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+development\s+2 rows/m,
      );
      expect(status.stdout).toContain('Up to date (development).');
    });
  });

  describe('guards', () => {
    it('should refuse seeding under another environment, leave the data, and say how to override', async () => {
      const refused = await dalkit('seed', 'run', '--env', 'test', '--json');
      expect(refused.code).toBe(1);
      const { error } = refused.json() as { error: { code: string; message: string; hint: string } };
      expect(error.code).toBe('OPERATION_REFUSED');
      expect(error.message).toContain('last seeded under "development", not "test"');
      expect(error.hint).toContain('--force-environment');
      expect(await counts()).toEqual(SEEDED);
    });

    it('should refuse reset in production without --force-production', async () => {
      const refused = await dalkit('seed', 'reset', '--env', 'production');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('error: Refusing to reset seeds: the environment is production.');
      expect(refused.stderr).toContain('hint: Pass --force-production');
      expect(await counts()).toEqual(SEEDED);
    });

    it('should reject a bad --scale as a usage error', async () => {
      const bad = await dalkit('seed', 'run', '--scale', 'lots');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--scale must be a positive number');
    });
  });

  describe('reset and failures', () => {
    it('should reset to the counts of a fresh seed, with --scale passed to the seeds', async () => {
      const reset = await dalkit('seed', 'reset', '--scale', '2');
      expect(reset.code).toBe(0);
      expect(reset.stdout).toContain('Emptied posts, users, countries.');
      expect(await counts()).toEqual({ ...SEEDED, posts: 200 });
      const again = await dalkit('seed', 'reset', '--json');
      expect(again.json()).toMatchObject({
        ok: true,
        command: 'seed reset',
        emptied: ['posts', 'users', 'countries'],
      });
      expect(await counts()).toEqual(SEEDED);
    });

    it('should reset one seed with --only, and select without dependencies with --no-deps', async () => {
      const only = await dalkit('seed', 'reset', '--only', 'sample-posts', '--json');
      expect(only.json()).toMatchObject({
        emptied: ['posts'],
        run: { executed: [{ name: 'sample-posts' }] },
      });
      expect(await counts()).toEqual(SEEDED);
      const withDeps = await dalkit('seed', 'run', '--only', 'users', '--json');
      expect(withDeps.json()).toMatchObject({ executed: [], upToDate: ['countries', 'users'] });
      const noDeps = await dalkit('seed', 'run', '--only', 'users', '--no-deps', '--json');
      expect(noDeps.json()).toMatchObject({ executed: [], upToDate: ['users'] });
    });

    it('should roll back a failing seed and name it, exit 1', async () => {
      const failed = await dalkit('seed', 'run', '--seeds', 'broken-seeds');
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('error: Seed "broken" failed: the data file is missing.');
      expect(failed.stderr).toContain('[SEED_FAILED]');
      expect(await counts()).toEqual(SEEDED);
    });
  });
});
