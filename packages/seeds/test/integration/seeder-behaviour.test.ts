import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDalkitError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSeeder, defineSeed, type SeedDefinition } from '../../src/index.js';
import { connect } from '../helpers/connect.js';
import { counts, FIXTURE_SEEDS, history, resetSchema } from '../helpers/schema.js';

const countries = defineSeed({
  name: 'countries',
  environments: ['*'],
  run: (ctx) => ctx.upsert('countries', [{ code: 'DE', name: 'Germany' }], { conflictOn: ['code'] }),
});

describeEachTarget('createSeeder (behaviour)', (suite) => {
  let sequelize: Sequelize;
  const seeder = (seeds: string | readonly SeedDefinition[], environment = 'development') =>
    createSeeder({ db: sequelize, seeds, environment, env: {} });

  beforeAll(() => {
    sequelize = connect(suite.database);
  });
  afterAll(async () => {
    await sequelize.close();
  });
  beforeEach(async () => {
    await resetSchema(sequelize);
  });

  describe('dependencies', () => {
    it('should refuse a dependency cycle, naming it, before writing anything', async () => {
      const cyclic: SeedDefinition[] = [
        countries,
        { name: 'a', environments: ['*'], dependsOn: ['b'], run: async () => {} },
        { name: 'b', environments: ['*'], dependsOn: ['c'], run: async () => {} },
        { name: 'c', environments: ['*'], dependsOn: ['a'], run: async () => {} },
      ];
      const error = await seeder(cyclic)
        .run()
        .catch((e) => e);
      expect(isDalkitError(error, 'VALIDATION_FAILED')).toBe(true);
      expect(error.message).toContain('Seed dependency cycle: a -> b -> c -> a');
      expect((await counts(sequelize)).countries).toBe(0);
    });

    it('should refuse a seed that depends on one not tagged for the environment', async () => {
      const seeds: SeedDefinition[] = [
        { ...countries, environments: ['test'] },
        { name: 'users', environments: ['development'], dependsOn: ['countries'], run: async () => {} },
      ];
      const error = await seeder(seeds)
        .run()
        .catch((e) => e);
      expect(error.message).toContain(
        'Seed "users" runs in development but depends on "countries", which does not',
      );
    });
  });

  describe('failures', () => {
    it('should roll back a failing seed: no rows, no history, an error naming it', async () => {
      const failing = defineSeed({
        name: 'broken-users',
        environments: ['*'],
        dependsOn: ['countries'],
        run: async (ctx) => {
          await ctx.insertMissing('users', [{ email: 'a@example.com', name: 'A', country_code: 'DE' }], {
            conflictOn: ['email'],
          });
          await ctx.bulkInsert('users', [{ email: 'b@example.com', name: null, country_code: 'DE' }]);
        },
      });
      const error = await seeder([countries, failing])
        .run()
        .catch((e) => e);
      expect(isDalkitError(error, 'SEED_FAILED')).toBe(true);
      expect(error.message).toMatch(/^Seed "broken-users" failed: .*rolled back/);
      expect(error.seed).toBe('broken-users');
      expect(isDalkitError(error.cause, 'NOT_NULL_VIOLATION')).toBe(true);
      expect((await counts(sequelize)).users).toBe(0);
      expect((await history(sequelize)).map((r) => r.name)).toEqual(['countries']);
    });
  });

  describe('runOnChange', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'dalkit-seeds-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    /** A copy of the fixture seeds where countries.ts gets `runOnChange` and another name for France. */
    async function variant(name: string, france: string, runOnChange: boolean): Promise<string> {
      const target = path.join(dir, name);
      await cp(FIXTURE_SEEDS, target, { recursive: true });
      await writeFile(path.join(target, 'package.json'), '{ "type": "module" }');
      const file = path.join(target, 'countries.ts');
      const source = (await readFile(file, 'utf8'))
        .replace("'France'", `'${france}'`)
        .replace("environments: ['*'],", `environments: ['*'],\n  runOnChange: ${runOnChange},`)
        .replace('../../../src/define-seed.js', path.resolve(FIXTURE_SEEDS, '../../../src/define-seed.ts'));
      await writeFile(file, source);
      return target;
    }

    it('should rerun a changed seed that has runOnChange, and only that one', async () => {
      await seeder(await variant('v1', 'France', true)).run();
      const v2 = await variant('v2', 'République française', true);
      expect((await seeder(v2).status()).find((s) => s.name === 'countries')?.state).toBe('changed');
      const result = await seeder(v2).run();
      expect(result.executed).toEqual([expect.objectContaining({ name: 'countries', reason: 'changed' })]);
      // PostgreSQL counts the one row whose values changed; MariaDB counts an updated row twice.
      if (suite.target !== 'mariadb') expect(result.executed[0]?.rowsAffected).toBe(1);
      const [rows] = await sequelize.query(`SELECT name FROM countries WHERE code = 'FR'`);
      expect(rows).toEqual([{ name: 'République française' }]);
      expect((await seeder(v2).run()).executed).toEqual([]);
    });

    it('should report but not rerun a changed seed without runOnChange', async () => {
      await seeder(await variant('w1', 'France', false)).run();
      const w2 = await variant('w2', 'Frankreich', false);
      const result = await seeder(w2).run();
      expect(result.executed).toEqual([]);
      expect((await seeder(w2).status()).find((s) => s.name === 'countries')?.state).toBe('changed');
    });
  });
});
