import { randomBytes } from 'node:crypto';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { Sequelize } from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMigrator } from '../../src/index.js';
import { migrationsDir, removeDir, writeFiles } from '../helpers/database.js';
import { createTableTs } from '../helpers/migration-sources.js';

function asUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = '';
  return u.toString();
}

function sqlState(error: unknown): string | undefined {
  return (error as { parent?: { code?: string } }).parent?.code;
}

describeEachTarget(
  'least privilege',
  (suite) => {
    const suffix = randomBytes(4).toString('hex');
    const owner = `dalkit_owner_${suffix}`;
    const app = `dalkit_app_${suffix}`;
    let admin: Sequelize;
    let dir: string;

    beforeAll(async () => {
      admin = new Sequelize(suite.database.url, { logging: false });
      await admin.query(`CREATE ROLE ${owner} LOGIN`);
      await admin.query(`CREATE ROLE ${app} LOGIN`);
      await admin.query(`ALTER DATABASE ${suite.database.database} OWNER TO ${owner}`);
      dir = await migrationsDir({ '20260101000000_create_widgets.ts': createTableTs('widgets') });
    });
    afterAll(async () => {
      await admin.close();
      await suite.database.drop();
      const server = new Sequelize(process.env.DALKIT_TEST_PG_URL as string, { logging: false });
      await server.query(`DROP ROLE IF EXISTS ${app}`);
      await server.query(`DROP ROLE IF EXISTS ${owner}`);
      await server.close();
      await removeDir(dir);
    });

    it('should let the app role read and write but never DROP, ALTER, TRUNCATE or CREATE', async () => {
      const migrator = createMigrator({
        migrationUrl: asUser(suite.database.url, owner),
        migrations: dir,
        appRole: app,
      });
      await migrator.up();
      // A table created by a later run gets the same grants through the default privileges.
      await writeFiles(dir, { '20260101000100_create_gadgets.ts': createTableTs('gadgets') });
      await migrator.up();
      await migrator.close();

      const appDb = new Sequelize(asUser(suite.database.url, app), { logging: false, pool: { max: 1 } });
      try {
        for (const table of ['widgets', 'gadgets']) {
          await appDb.query(`INSERT INTO ${table} (name) VALUES ('one')`);
          await appDb.query(`UPDATE ${table} SET name = 'two'`);
          const [rows] = await appDb.query(`SELECT name FROM ${table}`);
          expect(rows).toEqual([{ name: 'two' }]);
          await appDb.query(`DELETE FROM ${table}`);
        }
        const refused = [
          'DROP TABLE widgets',
          'ALTER TABLE widgets ADD COLUMN extra integer',
          'TRUNCATE widgets',
          'CREATE TABLE intruder (id integer)',
          "INSERT INTO dalkit_migrations (name, checksum, applied_by) VALUES ('x', 'y', 'z')",
          'DELETE FROM dalkit_migrations',
        ];
        for (const sql of refused) {
          const error = await appDb.query(sql).catch((e: unknown) => e);
          expect(sqlState(error), sql).toBe('42501');
        }
        const [history] = await appDb.query('SELECT name FROM dalkit_migrations');
        expect(history).toHaveLength(2);
      } finally {
        await appDb.close();
      }
    });
  },
  { targets: ['postgres'] },
);
