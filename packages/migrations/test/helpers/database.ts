import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestDatabase } from '@dalkit/testing';
import { QueryTypes, Sequelize } from 'sequelize';
import { snapshotSchema } from '../../src/_internal/schema-snapshot.js';

/** A Sequelize instance for a test database (pool of 1 on the embedded server). */
export function connect(database: TestDatabase): Sequelize {
  return new Sequelize(database.url, {
    logging: false,
    pool: { max: Math.min(database.maxConnections, 5), min: 0 },
  });
}

/** A fresh temporary folder holding `files` (relative path → content). */
export async function migrationsDir(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dalkit-migrations-'));
  await writeFiles(dir, files);
  return dir;
}

/** Writes files under `dir`, creating folders. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

/** Removes a folder made by {@link migrationsDir}. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Everything a schema change or a history write would alter: the catalog lines and the history rows. */
export async function fingerprint(
  sequelize: Sequelize,
  table = 'dalkit_migrations',
): Promise<{ schema: string[]; history: string[] }> {
  const schema = await snapshotSchema(sequelize);
  const hasHistory = schema.some((l) => l.startsWith(`relation ${table} `));
  const history = hasHistory
    ? (
        await sequelize.query<{ name: string; state: string; checksum: string }>(
          `SELECT name, state, checksum FROM ${table} ORDER BY id`,
          { type: QueryTypes.SELECT },
        )
      ).map((r) => `${r.name} ${r.state} ${r.checksum}`)
    : [];
  return { schema, history };
}

/** Drops every table in the current schema/database (between tests sharing one database). */
export async function dropAllTables(sequelize: Sequelize): Promise<void> {
  if (sequelize.getDialect() === 'postgres') {
    await sequelize.query('DROP SCHEMA IF EXISTS public CASCADE');
    await sequelize.query('CREATE SCHEMA public');
    return;
  }
  const tables = await sequelize.query<{ t: string }>(
    'SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
    { type: QueryTypes.SELECT },
  );
  await sequelize.query('SET FOREIGN_KEY_CHECKS = 0');
  for (const { t } of tables) await sequelize.query(`DROP TABLE \`${t}\``);
  await sequelize.query('SET FOREIGN_KEY_CHECKS = 1');
}

/** Ends server sessions still sleeping for a killed runner, so they stop holding table locks. */
export async function killSleepers(sequelize: Sequelize): Promise<void> {
  if (sequelize.getDialect() === 'postgres') {
    await sequelize.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'SELECT pg_sleep%'",
    );
    return;
  }
  const rows = await sequelize.query<{ id: number }>(
    "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE 'SELECT SLEEP%'",
    { type: QueryTypes.SELECT },
  );
  for (const { id } of rows) await sequelize.query(`KILL ${Number(id)}`).catch(() => undefined);
}
