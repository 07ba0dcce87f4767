import { describeEachTarget } from '@dalkit/testing/vitest';
import { DataTypes, type Sequelize } from 'sequelize';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createMigrator, type InlineMigration } from '../../src/index.js';
import { connect, dropAllTables, fingerprint, migrationsDir, removeDir } from '../helpers/database.js';
import { addColumnCjs, addIndexMjs, createTableTs } from '../helpers/migration-sources.js';

const FILES = {
  '20260101000000_create_books.ts': createTableTs('books'),
  '20260101000100_index_books.mjs': addIndexMjs('books'),
  '20260101000200_add_isbn.cjs': addColumnCjs('books', 'isbn'),
  '20260101000300_create_authors/up.sql':
    'CREATE TABLE authors (id integer PRIMARY KEY, name varchar(50) NOT NULL);\nCREATE INDEX authors_name_idx ON authors (name);\n',
  '20260101000300_create_authors/down.sql': 'DROP TABLE authors;\n',
  '20260101000400_add_year.js': `export async function up({ context: { queryInterface, transaction } }) {
  await queryInterface.addColumn('books', 'year', { type: 'INTEGER' }, { transaction });
}
export async function down({ context: { queryInterface, transaction } }) {
  await queryInterface.removeColumn('books', 'year', { transaction });
}
`,
  'README.md': 'not a migration',
  '_helpers.ts': 'export const ignored = true;',
};
const NAMES = [
  '20260101000000_create_books',
  '20260101000100_index_books',
  '20260101000200_add_isbn',
  '20260101000300_create_authors',
  '20260101000400_add_year',
];

/** The schema without the history table, which stays once created. */
async function userSchema(sequelize: Sequelize): Promise<string[]> {
  return (await fingerprint(sequelize)).schema.filter((l) => !l.includes('dalkit_migrations'));
}

describeEachTarget('round trips', (suite) => {
  let sequelize: Sequelize;
  let dir: string;
  beforeAll(async () => {
    sequelize = connect(suite.database);
    dir = await migrationsDir(FILES);
  });
  afterAll(async () => {
    await sequelize.close();
    await removeDir(dir);
  });
  beforeEach(() => dropAllTables(sequelize));

  it('should go up and down by step, by name and to 0, ending with the schema it started with', async () => {
    const migrator = createMigrator({ sequelize, migrations: dir });
    const start = await userSchema(sequelize);
    expect(await migrator.pending()).toEqual(NAMES);

    const first = await migrator.up({ to: NAMES[1] });
    expect(first.migrations.map((m) => m.name)).toEqual(NAMES.slice(0, 2));
    for (const run of first.migrations) expect(run.durationMs).toBeGreaterThanOrEqual(0);
    expect(await migrator.executed()).toEqual(NAMES.slice(0, 2));

    const rest = await migrator.up();
    expect(rest.migrations.map((m) => m.name)).toEqual(NAMES.slice(2));
    expect((await migrator.up()).migrations).toEqual([]);

    const status = await migrator.status();
    expect(status.applied).toEqual(NAMES);
    expect(status.pending).toEqual([]);
    expect(status.entries[0]).toMatchObject({ state: 'applied', appliedBy: expect.stringContaining('@') });
    expect(status.entries[0]?.appliedAt).toBeInstanceOf(Date);

    expect((await migrator.down()).migrations.map((m) => m.name)).toEqual([NAMES[4]]);
    expect((await migrator.down({ step: 2 })).migrations.map((m) => m.name)).toEqual([NAMES[3], NAMES[2]]);
    expect((await migrator.down({ to: NAMES[1] })).migrations.map((m) => m.name)).toEqual([NAMES[1]]);
    expect(await migrator.executed()).toEqual([NAMES[0]]);
    await migrator.up();
    expect((await migrator.down({ to: 0 })).migrations.map((m) => m.name)).toEqual([...NAMES].reverse());
    expect(await userSchema(sequelize)).toEqual(start);
    expect(await migrator.pending()).toEqual(NAMES);
  });

  it('should print the SQL of a dry run and change nothing', async () => {
    const migrator = createMigrator({ sequelize, migrations: dir });
    const before = await fingerprint(sequelize);
    const plan = await migrator.up({ dryRun: true });
    expect(plan.dryRun).toBe(true);
    expect(plan.migrations.map((m) => m.name)).toEqual(NAMES);
    const sql = plan.statements.map((s) => s.sql).join('\n');
    expect(sql).toMatch(/CREATE TABLE (IF NOT EXISTS )?["`]?books/);
    expect(sql).toContain('authors_name_idx');
    expect(plan.statements.find((s) => s.sql.includes('authors'))?.migration).toBe(NAMES[3]);
    expect(await fingerprint(sequelize)).toEqual(before);

    await migrator.up();
    const applied = await fingerprint(sequelize);
    const downPlan = await migrator.down({ to: 0, dryRun: true });
    expect(downPlan.migrations.map((m) => m.name)).toEqual([...NAMES].reverse());
    expect(downPlan.statements.map((s) => s.sql).join('\n')).toMatch(/DROP TABLE (IF EXISTS )?["`]?books/);
    expect(await fingerprint(sequelize)).toEqual(applied);
  });

  it('should run migrations given in code', async () => {
    const inline: InlineMigration[] = [
      {
        name: '20260102000000_create_tags',
        up: ({ context: { queryInterface } }) =>
          queryInterface.createTable('tags', { id: { type: DataTypes.INTEGER, primaryKey: true } }),
        down: ({ context: { queryInterface } }) => queryInterface.dropTable('tags'),
      },
    ];
    const migrator = createMigrator({ sequelize, migrations: inline });
    expect((await migrator.up()).migrations.map((m) => m.name)).toEqual(['20260102000000_create_tags']);
    expect((await migrator.validate()).applied).toEqual(['20260102000000_create_tags']);
    expect((await migrator.down()).migrations).toHaveLength(1);
  });

  it('should refuse to roll back a range containing a migration without down, touching nothing', async () => {
    const oneWay = await migrationsDir({
      '20260103000000_create_notes.ts': createTableTs('notes'),
      '20260103000100_one_way.mjs': `export async function up({ context: { sequelize } }) { await sequelize.query('CREATE TABLE one_way (id integer)'); }\n`,
      '20260103000200_index_notes.mjs': addIndexMjs('notes'),
    });
    try {
      const migrator = createMigrator({ sequelize, migrations: oneWay });
      await migrator.up();
      const before = await fingerprint(sequelize);
      await expect(migrator.down({ to: 0 })).rejects.toMatchObject({
        code: 'OPERATION_REFUSED',
        reason: 'irreversible',
        migrations: ['20260103000100_one_way'],
      });
      expect(await fingerprint(sequelize)).toEqual(before);
      expect((await migrator.down()).migrations.map((m) => m.name)).toEqual(['20260103000200_index_notes']);
    } finally {
      await removeDir(oneWay);
    }
  });

  it('should create a history table with the documented columns on first use', async () => {
    const migrator = createMigrator({ sequelize, migrations: dir });
    await migrator.up({ to: NAMES[0] });
    const columns = (await fingerprint(sequelize)).schema
      .filter((l) => l.startsWith('column dalkit_migrations.'))
      .map((l) => l.split(' ')[1]?.split('.')[1]);
    expect(columns).toEqual(
      expect.arrayContaining(['name', 'checksum', 'applied_at', 'execution_ms', 'applied_by']),
    );
  });
});
