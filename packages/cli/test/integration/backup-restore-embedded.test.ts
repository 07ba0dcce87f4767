import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createDatabase } from '@dalkit/connection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDalkit } from '../helpers/run-dalkit.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';

async function withEmbedded<T>(
  dir: string,
  fn: (db: ReturnType<typeof createDatabase>) => Promise<T>,
): Promise<T> {
  const db = createDatabase(
    { url: `pglite://${join(dir, 'data')}`, logging: { level: 'silent' } },
    { env: false },
  );
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const contents = (dir: string) =>
  withEmbedded(dir, (db) =>
    db.query<{ n: string; sum: string }>(
      `SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY id)) AS sum FROM notes t`,
    ),
  );

// Each run starts PGlite in the child (a few seconds, more on a loaded machine).
describe('dalkit db backup / restore on the embedded database (pglite:// data folder)', {
  timeout: 120_000,
}, () => {
  let project: TempProject;
  let before: unknown;
  const env = { DATABASE_URL: 'pglite://./data' };
  const dalkit = (...args: string[]) => runDalkit(args, { cwd: project.dir, env });

  beforeAll(async () => {
    project = await createTempProject({ name: 'embedded-app' });
    await withEmbedded(project.dir, async (db) => {
      await db.query(`CREATE TABLE notes (id int PRIMARY KEY, body text)`);
      await db.query(`INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 700) g`);
    });
    before = await contents(project.dir);
  });
  afterAll(() => project.remove());

  it('should back up the data folder as a tarball with a manifest', async () => {
    const run = await dalkit('db', 'backup', '--out', 'backups/e', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.json().manifest).toMatchObject({
      engine: 'embedded',
      tables: { 'public.notes': 700 },
      dump: { file: 'datadir.tar.gz' },
    });
    const verify = await dalkit('db', 'verify', 'backups/e');
    expect(verify.code, verify.stderr).toBe(0);
  });

  it('should restore into a deleted data folder with identical contents', async () => {
    await rm(join(project.dir, 'data'), { recursive: true });
    const run = await dalkit('db', 'restore', 'backups/e');
    expect(run.code, run.stderr).toBe(0);
    expect(await contents(project.dir)).toEqual(before);
  });

  it('should refuse the existing folder without --clean and replace it with --clean', async () => {
    const refused = await dalkit('db', 'restore', 'backups/e');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not empty');
    await withEmbedded(project.dir, (db) => db.query(`DELETE FROM notes WHERE id > 10`));
    const run = await dalkit('db', 'restore', 'backups/e', '--clean');
    expect(run.code, run.stderr).toBe(0);
    expect(await contents(project.dir)).toEqual(before);
    expect((await readdir(project.dir)).filter((name) => name.includes('before-restore'))).toEqual([]);
  });

  it('should refuse to back up an in-memory database', async () => {
    const run = await runDalkit(['db', 'backup'], {
      cwd: project.dir,
      env: { DATABASE_URL: 'pglite://memory' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('in memory');
  });
});
