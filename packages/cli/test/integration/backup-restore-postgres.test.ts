import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { onPostgres } from '../helpers/admin.js';
import { runDalkit } from '../helpers/run-dalkit.js';
import { type Fingerprint, postgresFingerprint } from '../helpers/table-fingerprint.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';

const SCHEMA = [
  `CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, profile jsonb, avatar bytea, created_at timestamptz NOT NULL DEFAULT now())`,
  `INSERT INTO users (email, profile, avatar)
     SELECT 'user' || g || '@example.com', jsonb_build_object('n', g, 'tags', jsonb_build_array('a', g)), decode(md5(g::text), 'hex')
     FROM generate_series(1, 2000) g`,
  `CREATE SCHEMA shop`,
  `CREATE TABLE shop.orders (id bigint PRIMARY KEY, user_id int NOT NULL REFERENCES users (id), total numeric(12, 2), note text)`,
  `INSERT INTO shop.orders SELECT g, 1 + g % 2000, g * 1.25, CASE WHEN g % 7 = 0 THEN NULL ELSE 'it''s "quoted"' END FROM generate_series(1, 5000) g`,
  `CREATE TABLE "Odd ""Name"" Table" (k text PRIMARY KEY)`,
  `INSERT INTO "Odd ""Name"" Table" VALUES ('x'), ('y')`,
  `CREATE TABLE empty_things (id int PRIMARY KEY)`,
];

describeEachTarget(
  'dalkit db backup / restore on PostgreSQL',
  (suite) => {
    let project: TempProject;
    let env: Record<string, string>;
    let original: Fingerprint;
    const adminUrl = () => process.env.DALKIT_TEST_PG_URL as string;
    const dalkit = (...args: string[]) => runDalkit(args, { cwd: project.dir, env });
    const recreateDatabase = () =>
      onPostgres(
        adminUrl(),
        `DROP DATABASE ${suite.database.database} WITH (FORCE)`,
        `CREATE DATABASE ${suite.database.database}`,
      );

    beforeAll(async () => {
      project = await createTempProject({ name: 'backup-app' });
      env = { DATABASE_URL: suite.database.url };
      await onPostgres(suite.database.url, ...SCHEMA);
      original = await postgresFingerprint(suite.database.url);
    });
    afterAll(() => project.remove());

    it('should write a backup folder whose manifest has the row count of every table', async () => {
      const run = await dalkit('db', 'backup', '--out', 'backups/first', '--json');
      expect(run.code, run.stderr).toBe(0);
      const out = run.json() as { folder: string; manifest: Record<string, unknown> };
      expect(out.folder).toBe(join(project.dir, 'backups/first'));
      expect(out.manifest).toMatchObject({
        format: 'dalkit-backup',
        formatVersion: 1,
        engine: 'postgres',
        dialect: 'postgres',
        database: suite.database.database,
        migrationHead: null,
        tables: {
          'public.users': 2000,
          'shop.orders': 5000,
          'public.Odd "Name" Table': 2,
          'public.empty_things': 0,
        },
        dump: { file: 'dump.pgcustom', tool: expect.stringMatching(/^pg_dump \d+/) },
      });
      expect(Object.keys(original)).toHaveLength(4);
      expect((await readdir(out.folder)).sort()).toEqual(['dump.pgcustom', 'manifest.json']);
      const onDisk = JSON.parse(await readFile(join(out.folder, 'manifest.json'), 'utf8'));
      expect(onDisk).toEqual(out.manifest);
    });

    it('should verify the backup without touching the database', async () => {
      const run = await dalkit('db', 'verify', 'backups/first');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('is a valid postgres backup');
      expect(run.stdout).toContain('shop.orders');
    });

    it('should refuse to restore into a non-empty database without --clean, changing nothing', async () => {
      await onPostgres(suite.database.url, `INSERT INTO empty_things VALUES (42)`);
      const run = await dalkit('db', 'restore', 'backups/first', '--json');
      expect(run.code).toBe(1);
      expect(run.json()).toMatchObject({ ok: false, error: { code: 'OPERATION_REFUSED' } });
      expect(String((run.json().error as { message: string }).message)).toContain('not empty (4 table(s))');
      expect((await postgresFingerprint(suite.database.url))['public.empty_things']?.rows).toBe(1);
    });

    it('should refuse a restore in production without --force-production', async () => {
      const run = await dalkit('db', 'restore', 'backups/first', '--clean', '--env', 'production');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Restoring in production replaces live data and is refused');
      expect(run.stderr).toContain('--force-production');
    });

    it('should restore over existing data with --clean and recount every table', async () => {
      const run = await dalkit(
        'db',
        'restore',
        'backups/first',
        '--clean',
        '--env',
        'production',
        '--force-production',
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain("every table's row count matches the manifest");
      expect(run.stdout).toContain('replaced    4 existing table(s) (--clean)');
      expect(run.stderr).toMatch(/restore: /);
      expect(await postgresFingerprint(suite.database.url)).toEqual(original);
    });

    it('should survive backup → drop database → restore with identical counts and checksums', async () => {
      await recreateDatabase();
      expect(await postgresFingerprint(suite.database.url)).toEqual({});
      const run = await dalkit('db', 'restore', 'backups/first', '--json');
      expect(run.code, run.stderr).toBe(0);
      const out = run.json() as { tables: Record<string, number>; replacedTables: number };
      expect(out.replacedTables).toBe(0);
      expect(out.tables['shop.orders']).toBe(5000);
      expect(await postgresFingerprint(suite.database.url)).toEqual(original);
      // Sequences come back too: the next user gets the next id.
      await onPostgres(suite.database.url, `INSERT INTO users (email) VALUES ('new@example.com')`);
      const after = await postgresFingerprint(suite.database.url);
      expect(after['public.users']?.rows).toBe(2001);
    });

    it('should refuse to overwrite an existing backup folder without --force', async () => {
      const run = await dalkit('db', 'backup', '--out', 'backups/first');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('already exists and is not empty');
      const forced = await dalkit('db', 'backup', '--out', 'backups/first', '--force', '--json');
      expect(forced.code, forced.stderr).toBe(0);
      expect((forced.json().manifest as { tables: Record<string, number> }).tables['public.users']).toBe(
        2001,
      );
    });

    it('should reject a damaged backup in verify and in restore', async () => {
      const backup = await dalkit('db', 'backup', '--out', 'backups/damaged', '--quiet');
      expect(backup.code, backup.stderr).toBe(0);
      const dump = join(project.dir, 'backups/damaged/dump.pgcustom');
      const bytes = await readFile(dump);
      bytes[bytes.length - 10] = (bytes[bytes.length - 10] as number) ^ 0xff;
      await writeFile(dump, bytes);
      const verify = await dalkit('db', 'verify', 'backups/damaged', '--json');
      expect(verify.code).toBe(1);
      expect(verify.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(String((verify.json().error as { message: string }).message)).toContain(
        'does not match its manifest',
      );
      const restore = await dalkit('db', 'restore', 'backups/damaged', '--clean');
      expect(restore.code).toBe(1);
      expect(restore.stderr).toContain('the backup is damaged');
    });

    it('should refuse a backup of another engine', async () => {
      const path = join(project.dir, 'backups/first/manifest.json');
      const manifest = JSON.parse(await readFile(path, 'utf8'));
      await writeFile(
        join(project.dir, 'backups/first/manifest.json'),
        JSON.stringify({ ...manifest, engine: 'mariadb', dialect: 'mariadb' }),
      );
      const run = await dalkit('db', 'restore', 'backups/first', '--clean');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('This backup is a mariadb backup; the configured database is postgres');
    });

    it('should name the missing client tool and leave no folder behind', async () => {
      const run = await runDalkit(['db', 'backup', '--out', 'backups/no-tools', '--json'], {
        cwd: project.dir,
        env,
        path: '/nonexistent',
      });
      expect(run.code).toBe(1);
      expect(run.json().error).toMatchObject({ code: 'DRIVER_MISSING' });
      expect(String((run.json().error as { message: string }).message)).toContain(
        'pg_dump was not found on PATH',
      );
      expect(String((run.json().error as { hint: string }).hint)).toContain('postgresql-client');
      expect(await readdir(join(project.dir, 'backups'))).not.toContain('no-tools');
    });
  },
  { targets: ['postgres'] },
);
