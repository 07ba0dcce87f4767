import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDalkit } from '../helpers/run-dalkit.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';

const projects: TempProject[] = [];
async function project(packageJson?: Record<string, unknown>) {
  const created = await createTempProject(packageJson);
  projects.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(projects.splice(0).map((p) => p.remove()));
});

const read = (p: TempProject, path: string) => readFile(join(p.dir, path), 'utf8');

describe('dalkit init', () => {
  it('should take piped answers for dialect and URL and set up a TypeScript project', async () => {
    const p = await project({ name: '@acme/shop-api', devDependencies: { typescript: '5.9.3' } });
    const run = await runDalkit(['init'], {
      cwd: p.dir,
      input: 'postgres\npostgres://app:s3cret@db.internal:5432/shop\n',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Database (postgres, mariadb, embedded)');
    expect(run.stderr).toContain('Connection URL');
    const config = await read(p, 'dalkit.config.ts');
    expect(config).toContain("import type { DatabaseConfigFile } from '@dalkit/connection';");
    expect(config).toContain('url: "postgres://app@db.internal:5432/shop"');
    expect(config).not.toContain('s3cret');
    expect(run.stdout + run.stderr).not.toContain('s3cret');
    expect(run.stdout).toContain('Set DB_PASSWORD');
    const migrations = await readdir(join(p.dir, 'migrations'));
    expect(migrations).toHaveLength(1);
    expect(migrations[0]).toMatch(/^\d{14}_create_examples\.ts$/);
    expect(await read(p, `migrations/${migrations[0]}`)).toContain('MigrationParams');
    expect(await read(p, 'seeds/examples.ts')).toContain('defineSeed');
    const pkg = JSON.parse(await read(p, 'package.json'));
    expect(pkg.scripts).toMatchObject({
      'db:migrate': 'dalkit migrate up',
      'db:check': 'dalkit db check',
      'db:seed': 'dalkit seed run',
    });
    expect(run.stdout).toContain('Next steps');
  });

  it('should use the defaults for empty answers', async () => {
    const p = await project({ name: 'tiny', devDependencies: { typescript: '5.9.3' } });
    const run = await runDalkit(['init'], { cwd: p.dir, input: '\n\n' });
    expect(run.code, run.stderr).toBe(0);
    expect(await read(p, 'dalkit.config.ts')).toContain('url: "pglite://./.dalkit"');
  });

  it('should run without questions from flags and report JSON', async () => {
    const p = await project({ name: 'api', type: 'module' });
    const run = await runDalkit(
      ['init', '--dialect', 'mariadb', '--url', 'mariadb://root@localhost:3306/api', '--json'],
      {
        cwd: p.dir,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const out = run.json();
    expect(out).toMatchObject({ ok: true, command: 'init', dialect: 'mariadb', language: 'javascript' });
    expect(out.files).toEqual([
      'dalkit.config.js',
      expect.stringMatching(/^migrations\/\d{14}_create_examples\.js$/),
      'seeds/examples.js',
    ]);
    expect(run.stderr).toBe('');
  });

  it('should write .mjs files in a CommonJS JavaScript project', async () => {
    const p = await project({ name: 'legacy' });
    const run = await runDalkit(['init', '--yes', '--dialect', 'embedded'], { cwd: p.dir });
    expect(run.code, run.stderr).toBe(0);
    expect(await read(p, 'dalkit.config.mjs')).toContain(
      "@type {import('@dalkit/connection').DatabaseConfigFile}",
    );
    expect(await readdir(join(p.dir, 'seeds'))).toEqual(['examples.mjs']);
  });

  it('should detect TypeScript from a tsconfig.json', async () => {
    const p = await project({ name: 'ts-app' });
    await p.write('tsconfig.json', '{}');
    const run = await runDalkit(['init', '--yes'], { cwd: p.dir });
    expect(run.code, run.stderr).toBe(0);
    expect(await readdir(p.dir)).toContain('dalkit.config.ts');
  });

  it('should refuse to overwrite an existing config without --force, writing nothing', async () => {
    const p = await project({ name: 'again', scripts: { 'db:check': 'something else' } });
    await p.write('dalkit.config.js', 'export default {};\n');
    const run = await runDalkit(['init', '--yes', '--json'], { cwd: p.dir });
    expect(run.code).toBe(1);
    expect(run.json().error).toMatchObject({ code: 'OPERATION_REFUSED' });
    expect(String((run.json().error as { message: string }).message)).toContain('dalkit.config.js');
    expect(String((run.json().error as { message: string }).message)).toContain('scripts.db:check');
    expect((await readdir(p.dir)).sort()).toEqual(['dalkit.config.js', 'package.json']);
    expect(await read(p, 'dalkit.config.js')).toBe('export default {};\n');

    const forced = await runDalkit(['init', '--yes', '--force', '--json'], { cwd: p.dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.json().overwritten).toEqual(['dalkit.config.js', 'package.json scripts.db:check']);
    expect(JSON.parse(await read(p, 'package.json')).scripts['db:check']).toBe('dalkit db check');
  });

  it('should leave a migrations folder that already has files alone', async () => {
    const p = await project({ name: 'has-migrations', type: 'module' });
    await mkdir(join(p.dir, 'migrations'));
    await p.write('migrations/20250101000000_first.js', 'export async function up() {}\n');
    const run = await runDalkit(['init', '--yes', '--json'], { cwd: p.dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json().keptFolders).toEqual(['migrations']);
    expect(await readdir(join(p.dir, 'migrations'))).toEqual(['20250101000000_first.js']);
    expect(await readdir(join(p.dir, 'seeds'))).toEqual(['examples.js']);
  });

  it('should reject an unknown dialect with exit 2', async () => {
    const p = await project();
    const run = await runDalkit(['init', '--dialect', 'oracle', '--yes'], { cwd: p.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--dialect must be one of postgres, mariadb, embedded');
  });

  it('should reject a URL of another dialect with exit 2', async () => {
    const p = await project();
    const run = await runDalkit(['init', '--dialect', 'postgres', '--url', 'mysql://root@localhost/x'], {
      cwd: p.dir,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--url must start with postgres:// or postgresql://');
  });

  it('should explain that it needs a Node project', async () => {
    const p = await project();
    await rm(join(p.dir, 'package.json'));
    const run = await runDalkit(['init', '--yes'], { cwd: p.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('package.json');
    expect(run.stderr).toContain('hint:');
  });
});
