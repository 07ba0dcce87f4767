import { describeEachTarget } from '@dalkit/testing/vitest';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createMigrator, MigrationError } from '../../src/index.js';
import { connect, dropAllTables, fingerprint, migrationsDir, removeDir } from '../helpers/database.js';
import { createTableTs, failingTs } from '../helpers/migration-sources.js';

const GOOD = '20260101000000_create_shelves';
const BAD = '20260101000100_broken';

describeEachTarget('atomic migrations', (suite) => {
  let sequelize: Sequelize;
  const dirs: string[] = [];
  beforeAll(() => {
    sequelize = connect(suite.database);
  });
  afterAll(async () => {
    await sequelize.close();
    for (const dir of dirs) await removeDir(dir);
  });
  beforeEach(() => dropAllTables(sequelize));

  async function dir(files: Record<string, string>): Promise<string> {
    const made = await migrationsDir(files);
    dirs.push(made);
    return made;
  }

  it('should leave schema and history unchanged when a migration fails, naming migration and statement', async () => {
    const migrations = await dir({
      [`${GOOD}.ts`]: createTableTs('shelves'),
      [`${BAD}.ts`]: failingTs('half_done'),
    });
    const migrator = createMigrator({ sequelize, migrations });
    await migrator.up({ to: GOOD });
    const before = await fingerprint(sequelize);

    const error = await migrator.up().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    const failure = error as MigrationError;
    expect(failure.code).toBe('MIGRATION_FAILED');
    expect(failure.migration).toBe(BAD);
    expect(failure.statement).toContain('table_that_does_not_exist');
    expect(failure.message).toContain(BAD);
    expect(failure.message).toContain('SELECT * FROM table_that_does_not_exist');
    expect(failure.cause).toBeDefined();

    const after = await fingerprint(sequelize);
    if (suite.database.dialect === 'postgres') {
      expect(after.history).toEqual(before.history);
      expect(failure.partial).toBe(false);
      expect(failure.message).toContain('Nothing of it was applied');
      expect(after.schema).toEqual(before.schema);
    } else {
      // MariaDB committed the CREATE TABLE before the failure: detected, reported, and marked failed (not applied).
      expect(after.history.slice(0, -1)).toEqual(before.history);
      expect(after.history.at(-1)).toMatch(new RegExp(`^${BAD} failed `));
      expect(failure.partial).toBe(true);
      expect(failure.message).toContain('tables changed: half_done');
      expect(failure.message).toContain('dalkit migrate repair');
      expect(after.schema.filter((l) => !l.includes('half_done'))).toEqual(before.schema);
      expect((await migrator.status()).entries.find((e) => e.name === BAD)?.state).toBe('failed');
    }
    expect(await migrator.executed()).toEqual([GOOD]);
  });

  it('should roll back data changes of a failing migration without DDL on every database', async () => {
    const migrations = await dir({
      [`${GOOD}.ts`]: createTableTs('shelves'),
      [`${BAD}.mjs`]: `export async function up({ context: { sequelize } }) {
  await sequelize.query("INSERT INTO shelves (name) VALUES ('kept?')");
  await sequelize.query('INSERT INTO shelves (id, name) VALUES (NULL, NULL)');
}
export async function down() {}
`,
    });
    const migrator = createMigrator({ sequelize, migrations });
    await migrator.up({ to: GOOD });
    const before = await fingerprint(sequelize);
    const error = await migrator.up().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED', migration: BAD, partial: false });
    expect((error as MigrationError).statement).toContain('VALUES (NULL, NULL)');
    expect(await fingerprint(sequelize)).toEqual(before);
    const [rows] = await sequelize.query('SELECT * FROM shelves');
    expect(rows).toEqual([]);
    expect(await migrator.pending()).toEqual([BAD]);
  });

  it('should record a non-transactional migration as failed and refuse up until repaired', async () => {
    const migrations = await dir({
      '20260101000000_outside.mjs': `export const transaction = false;
export async function up({ context: { sequelize, transaction } }) {
  if (transaction !== undefined) throw new Error('expected no transaction');
  await sequelize.query('CREATE TABLE outside_tx (id integer PRIMARY KEY)');
  await sequelize.query('SELECT * FROM table_that_does_not_exist');
}
export async function down({ context: { sequelize } }) { await sequelize.query('DROP TABLE outside_tx'); }
`,
    });
    const migrator = createMigrator({ sequelize, migrations });
    const error = (await migrator.up().catch((e: unknown) => e)) as MigrationError;
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED', partial: true });
    expect(error.message).toContain('outside a transaction');
    const status = await migrator.status();
    expect(status.entries[0]).toMatchObject({ name: '20260101000000_outside', state: 'failed' });
    expect(status.incomplete).toEqual(['20260101000000_outside']);
    await expect(migrator.up()).rejects.toMatchObject({ code: 'OPERATION_REFUSED', reason: 'incomplete' });
    await expect(migrator.validate()).rejects.toMatchObject({ reason: 'incomplete' });
    expect(await migrator.repair()).toMatchObject({ incompleteRemoved: ['20260101000000_outside'] });
    expect((await migrator.status()).pending).toEqual(['20260101000000_outside']);
  });
});

describeEachTarget(
  'non-transactional migrations on PostgreSQL',
  (suite) => {
    it('should run CREATE INDEX CONCURRENTLY outside a transaction and record it applied', async () => {
      const sequelize = connect(suite.database);
      const migrations = await migrationsDir({
        '20260101000000_create_pages.ts': createTableTs('pages'),
        '20260101000100_index_pages.mjs': `export const transaction = false;
export async function up({ context: { sequelize } }) { await sequelize.query('CREATE INDEX CONCURRENTLY pages_name_idx ON pages (name)'); }
export async function down({ context: { sequelize } }) { await sequelize.query('DROP INDEX CONCURRENTLY pages_name_idx'); }
`,
      });
      try {
        const migrator = createMigrator({ sequelize, migrations });
        expect((await migrator.up()).migrations).toHaveLength(2);
        expect((await migrator.status()).entries.map((e) => e.state)).toEqual(['applied', 'applied']);
        expect((await migrator.down()).migrations.map((m) => m.name)).toEqual(['20260101000100_index_pages']);
      } finally {
        await sequelize.close();
        await removeDir(migrations);
      }
    });
  },
  { targets: ['postgres'] },
);
