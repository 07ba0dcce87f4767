import { describeEachTarget } from '@dalkit/testing/vitest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { onMariadb } from '../helpers/admin.js';
import { runDalkit } from '../helpers/run-dalkit.js';
import { type Fingerprint, mariadbFingerprint } from '../helpers/table-fingerprint.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';

describeEachTarget(
  'dalkit db backup / restore on MariaDB',
  (suite) => {
    let project: TempProject;
    let env: Record<string, string>;
    let original: Fingerprint;
    const dalkit = (...args: string[]) => runDalkit(args, { cwd: project.dir, env });
    const adminUrl = () => process.env.DALKIT_TEST_MARIADB_URL as string;

    beforeAll(async () => {
      project = await createTempProject({ name: 'maria-app' });
      env = { DATABASE_URL: suite.database.url };
      await onMariadb(
        suite.database.url,
        'CREATE TABLE users (id int AUTO_INCREMENT PRIMARY KEY, email varchar(200) NOT NULL UNIQUE, bio text, avatar varbinary(32))',
        `INSERT INTO users (email, bio, avatar) SELECT CONCAT('u', seq, '@example.com'), IF(seq % 5 = 0, NULL, 'it''s "quoted"'), UNHEX(MD5(seq)) FROM seq_1_to_1500`,
        'CREATE TABLE orders (id int PRIMARY KEY, user_id int NOT NULL, total decimal(12,2), FOREIGN KEY (user_id) REFERENCES users (id))',
        'INSERT INTO orders SELECT seq, 1 + seq % 1500, seq * 1.25 FROM seq_1_to_3000',
      );
      original = await mariadbFingerprint(suite.database.url);
    });
    afterAll(() => project.remove());

    it('should back up with mariadb-dump and a manifest', async () => {
      const run = await dalkit('db', 'backup', '--out', 'backups/m', '--json');
      expect(run.code, run.stderr).toBe(0);
      expect(run.json().manifest).toMatchObject({
        engine: 'mariadb',
        tables: { users: 1500, orders: 3000 },
        dump: { file: 'dump.sql', tool: expect.stringMatching(/^(mariadb-dump|mysqldump) /) },
      });
      const verify = await dalkit('db', 'verify', 'backups/m');
      expect(verify.code, verify.stderr).toBe(0);
    });

    it('should refuse a non-empty target, then restore over it with --clean', async () => {
      const refused = await dalkit('db', 'restore', 'backups/m');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('not empty');
      await onMariadb(suite.database.url, 'CREATE TABLE leftover (id int PRIMARY KEY)');
      const run = await dalkit('db', 'restore', 'backups/m', '--clean');
      expect(run.code, run.stderr).toBe(0);
      expect(await mariadbFingerprint(suite.database.url)).toEqual(original);
    });

    it('should survive backup → drop database → restore with identical counts and checksums', async () => {
      const name = `\`${suite.database.database}\``;
      await onMariadb(
        adminUrl(),
        `DROP DATABASE ${name}`,
        `CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      expect(await mariadbFingerprint(suite.database.url)).toEqual({});
      const run = await dalkit('db', 'restore', 'backups/m', '--json');
      expect(run.code, run.stderr).toBe(0);
      expect(run.json().tables).toEqual({ users: 1500, orders: 3000 });
      expect(await mariadbFingerprint(suite.database.url)).toEqual(original);
    });
  },
  { targets: ['mariadb'] },
);
