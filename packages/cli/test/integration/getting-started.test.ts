import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkRuntimePackages } from '../helpers/link-runtime.js';
import { runDalkit } from '../helpers/run-dalkit.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';

// The README's walk-through, as a user runs it: init, migrate, seed, check, backup, verify.
describeEachTarget('dalkit getting started', (suite) => {
  let project: TempProject;
  let env: Record<string, string>;
  const dalkit = (...args: string[]) => runDalkit(args, { cwd: project.dir, env });

  beforeAll(async () => {
    project = await createTempProject({
      name: 'walkthrough',
      type: 'module',
      devDependencies: { typescript: '5.9.3' },
    });
    await linkRuntimePackages(project.dir);
    const password = new URL(suite.database.url).password;
    env = password ? { DB_PASSWORD: decodeURIComponent(password) } : {};
  });
  afterAll(() => project.remove());

  it('should init, migrate, seed, pass the check, and back up', { timeout: 180_000 }, async () => {
    // The embedded target is what `init` sets up by default: a data folder the CLI hosts itself.
    const database =
      suite.target === 'embedded'
        ? ['--dialect', 'embedded']
        : ['--dialect', suite.target === 'mariadb' ? 'mariadb' : 'postgres', '--url', suite.database.url];
    const init = await dalkit('init', ...database, '--yes');
    expect(init.code, init.stderr).toBe(0);

    const before = await dalkit('db', 'check', '--json');
    expect(before.code).toBe(1);
    expect((before.json().migrations as { pending: string[] }).pending).toHaveLength(1);

    const migrate = await dalkit('migrate', 'up');
    expect(migrate.code, migrate.stderr).toBe(0);
    const seed = await dalkit('seed', 'run');
    expect(seed.code, seed.stderr).toBe(0);

    const check = await dalkit('db', 'check', '--json');
    expect(check.code, check.stderr).toBe(0);
    const migrations = check.json().migrations as { applied: number; head: string };
    expect(migrations.applied).toBe(1);
    expect(migrations.head).toMatch(/^\d{14}_create_examples$/);

    const backup = await dalkit('db', 'backup', '--out', 'backups/first', '--json');
    expect(backup.code, backup.stderr).toBe(0);
    const manifest = backup.json().manifest as { migrationHead: string; tables: Record<string, number> };
    expect(manifest.migrationHead).toBe(migrations.head);
    expect(Object.entries(manifest.tables).find(([table]) => table.endsWith('examples'))?.[1]).toBe(2);
    expect(await readdir(join(project.dir, 'backups/first'))).toContain('manifest.json');
    expect((await dalkit('db', 'verify', 'backups/first')).code).toBe(0);
  });
});
