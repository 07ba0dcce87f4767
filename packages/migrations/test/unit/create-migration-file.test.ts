import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { splitSqlStatements } from '../../src/_internal/sql-file-migration.js';
import { createMigrationFile, loadMigrationsFromDir } from '../../src/index.js';
import { migrationsDir, removeDir } from '../helpers/database.js';

const NOW = () => new Date(Date.UTC(2026, 4, 6, 7, 8, 9));

describe('createMigrationFile', () => {
  let dir = '';
  afterEach(() => removeDir(dir));

  it('should write a timestamped TypeScript file that loads with up and down', async () => {
    dir = await migrationsDir();
    const created = await createMigrationFile(dir, 'create_users', { now: NOW });
    expect(created.name).toBe('20260506070809_create_users');
    expect(created.paths).toEqual([join(dir, '20260506070809_create_users.ts')]);
    const [source] = await loadMigrationsFromDir(dir);
    const module = await source?.load();
    expect(typeof module?.up).toBe('function');
    expect(typeof module?.down).toBe('function');
  });

  it('should write loadable JavaScript templates too', async () => {
    dir = await migrationsDir();
    for (const extension of ['mjs', 'cjs', 'js'] as const)
      await createMigrationFile(dir, `make_${extension}`, { extension, now: NOW });
    const sources = await loadMigrationsFromDir(dir);
    for (const source of sources) expect(typeof (await source.load()).down).toBe('function');
  });

  it('should keep the new timestamp after the newest existing one', async () => {
    dir = await migrationsDir({ '20300101000000_future.ts': 'export const up = () => {};' });
    expect((await createMigrationFile(dir, 'next', { now: NOW })).name).toBe('20300101000001_next');
  });

  it('should write up.sql and down.sql with --sql', async () => {
    dir = await migrationsDir();
    const created = await createMigrationFile(dir, 'raw_sql', { sql: true, now: NOW });
    expect(await readdir(join(dir, created.name))).toEqual(['down.sql', 'up.sql']);
    expect(await readFile(created.paths[0] as string, 'utf8')).toContain('dalkit:no-transaction');
  });

  it('should refuse a name that is not lowercase words and underscores, writing nothing', async () => {
    dir = await migrationsDir();
    await expect(createMigrationFile(dir, 'Create-Users', { now: NOW })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'name', rule: 'pattern' }],
    });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('splitSqlStatements', () => {
  it('should split at semicolons ending a line and drop comment-only chunks', () => {
    expect(
      splitSqlStatements('-- header\nCREATE TABLE a (id int);\nINSERT INTO a VALUES (1);  \n-- trailing\n'),
    ).toEqual(['-- header\nCREATE TABLE a (id int)', 'INSERT INTO a VALUES (1)']);
  });
});
