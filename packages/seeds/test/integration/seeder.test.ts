import { isDalkitError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSeeder } from '../../src/index.js';
import { connect } from '../helpers/connect.js';
import { counts, FIXTURE_SEEDS, history, resetSchema } from '../helpers/schema.js';

const SEEDED_DEV = { countries: 3, users: 2, posts: 500, flags: 0, dalkit_migrations: 1 };

describeEachTarget('createSeeder (seed files)', (suite) => {
  let sequelize: Sequelize;
  const seeder = (environment: string, extra: Record<string, unknown> = {}) =>
    createSeeder({ db: sequelize, seeds: FIXTURE_SEEDS, environment, env: {}, ...extra });

  beforeAll(() => {
    sequelize = connect(suite.database);
  });
  afterAll(async () => {
    await sequelize.close();
  });
  beforeEach(async () => {
    await resetSchema(sequelize);
  });

  describe('run', () => {
    it('should run the seeds of the environment in dependency order and record them', async () => {
      const result = await seeder('development').run();
      expect(result.executed.map((e) => e.name)).toEqual(['countries', 'users', 'sample-posts']);
      expect(result.executed.map((e) => e.rowsAffected)).toEqual([3, 2, 500]);
      expect(await counts(sequelize)).toEqual(SEEDED_DEV);
      const rows = await history(sequelize);
      expect(rows.map((r) => [r.name, r.environment, r.rows_affected])).toEqual([
        ['countries', 'development', 3],
        ['sample-posts', 'development', 500],
        ['users', 'development', 2],
      ]);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(String(r.checksum)))).toBe(true);
    });

    it('should do nothing on a second run and say so', async () => {
      await seeder('development').run();
      const before = { counts: await counts(sequelize), history: await history(sequelize) };
      const again = await seeder('development').run();
      expect(again.executed).toEqual([]);
      expect(again.message).toBe('Nothing to seed: 3 seeds up to date (development).');
      expect({ counts: await counts(sequelize), history: await history(sequelize) }).toEqual(before);
    });

    it('should run only the seeds tagged for the environment', async () => {
      const result = await seeder('test').run();
      expect(result.executed.map((e) => e.name)).toEqual(['countries', 'users', 'test-flags']);
      expect(await counts(sequelize)).toEqual({ ...SEEDED_DEV, posts: 0, flags: 2 });
    });

    it('should pass params such as scale to the seeds', async () => {
      await seeder('development', { params: { scale: 3 } }).run();
      expect((await counts(sequelize)).posts).toBe(1500);
    });

    it('should run one seed with its dependencies, or alone with noDeps', async () => {
      const withDeps = await seeder('development').run({ only: ['users'] });
      expect(withDeps.executed.map((e) => e.name)).toEqual(['countries', 'users']);
      await resetSchema(sequelize);
      const alone = await seeder('development').run({ only: ['countries'], noDeps: true });
      expect(alone.executed.map((e) => e.name)).toEqual(['countries']);
      expect(await counts(sequelize)).toEqual({ ...SEEDED_DEV, users: 0, posts: 0 });
    });

    it('should reject an unknown seed in only', async () => {
      const error = await seeder('development')
        .run({ only: ['nope'] })
        .catch((e) => e);
      expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
      expect(error.message).toContain('"nope"');
    });
  });

  describe('status', () => {
    it('should report pending, ran and excluded seeds', async () => {
      const before = await seeder('development').status();
      expect(before.map((s) => [s.name, s.state])).toEqual([
        ['countries', 'pending'],
        ['users', 'pending'],
        ['sample-posts', 'pending'],
        ['test-flags', 'excluded'],
      ]);
      await seeder('development').run({ only: ['users'] });
      const after = await seeder('development').status();
      expect(after.map((s) => [s.name, s.state])).toEqual([
        ['countries', 'ran'],
        ['users', 'ran'],
        ['sample-posts', 'pending'],
        ['test-flags', 'excluded'],
      ]);
      expect(after[1]).toMatchObject({ ranUnder: 'development', rowsAffected: 2 });
    });
  });

  describe('reset', () => {
    it('should empty the seeded tables and restore the counts of a fresh seed', async () => {
      await seeder('development').run();
      const fresh = await counts(sequelize);
      await sequelize.query(`INSERT INTO posts (author_email, title) VALUES ('admin@example.com', 'extra')`);
      const result = await seeder('development').reset();
      expect(result.emptied).toEqual(['posts', 'users', 'countries']);
      expect(result.run.executed.map((e) => e.name)).toEqual(['countries', 'users', 'sample-posts']);
      expect(await counts(sequelize)).toEqual(fresh);
      expect((await history(sequelize)).map((r) => r.name)).toEqual(['countries', 'sample-posts', 'users']);
    });

    it('should reset one seed and the seeds that depend on it', async () => {
      await seeder('development').run();
      const result = await seeder('development').reset({ only: ['users'] });
      expect(result.emptied).toEqual(['posts', 'users']);
      expect(result.run.executed.map((e) => e.name)).toEqual(['users', 'sample-posts']);
      expect(await counts(sequelize)).toEqual(SEEDED_DEV);
    });

    it('should refuse in production without force and leave the data untouched', async () => {
      await seeder('production').run();
      const before = { counts: await counts(sequelize), history: await history(sequelize) };
      const error = await seeder('production')
        .reset()
        .catch((e) => e);
      expect(isDalkitError(error, 'OPERATION_REFUSED')).toBe(true);
      expect(error.message).toContain('--force-production');
      expect(error.message).toContain('DALKIT_FORCE_PRODUCTION=1');
      expect({ counts: await counts(sequelize), history: await history(sequelize) }).toEqual(before);
      const forced = await seeder('production', { env: { DALKIT_FORCE_PRODUCTION: '1' } }).reset();
      expect(forced.emptied).toEqual(['users', 'countries']);
    });

    it('should refuse when the database was seeded under another environment, unless forced', async () => {
      await seeder('development').run();
      const before = { counts: await counts(sequelize), history: await history(sequelize) };
      for (const attempt of [() => seeder('test').reset(), () => seeder('test').run()]) {
        const error = await attempt().catch((e) => e);
        expect(isDalkitError(error, 'OPERATION_REFUSED')).toBe(true);
        expect(error.message).toContain('last seeded under "development", not "test"');
        expect(error.message).toContain('--force-environment');
      }
      expect({ counts: await counts(sequelize), history: await history(sequelize) }).toEqual(before);
      const forced = await seeder('test').reset({ forceEnvironment: true });
      expect(forced.run.executed.map((e) => e.name)).toEqual(['countries', 'users', 'test-flags']);
      expect(await counts(sequelize)).toEqual({ ...SEEDED_DEV, posts: 0, flags: 2 });
    });

    it('should never empty the migration history', async () => {
      await seeder('development').run();
      await seeder('development').reset();
      expect((await counts(sequelize)).dalkit_migrations).toBe(1);
    });
  });
});
