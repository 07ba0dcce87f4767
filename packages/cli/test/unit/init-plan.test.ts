import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compactTimestamp } from '../../src/_internal/timestamp.js';
import { withScripts } from '../../src/commands/init/apply-init.js';
import {
  checkUrl,
  chooseDatabase,
  databaseNameFor,
  parseDialect,
} from '../../src/commands/init/choose-database.js';
import { detectProject } from '../../src/commands/init/detect-project.js';
import { planInit } from '../../src/commands/init/plan-init.js';
import { withoutPassword } from '../../src/commands/init/templates.js';

const dirs: string[] = [];
async function projectWith(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'dalkit-plan-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return detectProject(dir);
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('init choices', () => {
  it('should derive a database name from the package name', () => {
    expect(databaseNameFor('@acme/shop-api')).toBe('shop_api');
    expect(databaseNameFor('---')).toBe('app');
  });

  it('should accept only known dialects and matching URLs', () => {
    expect(parseDialect(' Postgres ', '--dialect')).toBe('postgres');
    expect(() => parseDialect('oracle', '--dialect')).toThrow('--dialect must be one of');
    expect(checkUrl('mariadb', 'mysql://root@h/db', '--url')).toBe('mysql://root@h/db');
    expect(() => checkUrl('embedded', 'postgres://h/db', '--url')).toThrow('pglite://');
    expect(() => checkUrl('postgres', 'not a url', '--url')).toThrow('not a valid URL');
  });

  it('should take the defaults without a prompter', async () => {
    await expect(chooseDatabase({}, undefined, 'shop')).resolves.toEqual({
      dialect: 'embedded',
      url: 'pglite://./.dalkit',
    });
    await expect(chooseDatabase({ dialect: 'postgres' }, undefined, 'shop')).resolves.toEqual({
      dialect: 'postgres',
      url: 'postgres://postgres@localhost:5432/shop',
    });
  });

  it('should drop the password from the URL written to the config', () => {
    expect(withoutPassword('postgres://app:pw@h/db')).toEqual({
      url: 'postgres://app@h/db',
      hadPassword: true,
    });
    expect(withoutPassword('pglite://./data').hadPassword).toBe(false);
  });
});

describe('planInit', () => {
  const choice = { dialect: 'postgres', url: 'postgres://app@h/db' } as const;
  const at = new Date('2026-03-04T05:06:07Z');

  it('should stamp the example migration with the UTC time', () => {
    expect(compactTimestamp(at)).toBe('20260304050607');
  });

  it('should plan TypeScript files when a tsconfig exists', async () => {
    const project = await projectWith({ 'package.json': '{"name":"a"}', 'tsconfig.json': '{}' });
    const plan = await planInit(project, choice, at);
    expect(plan.files.map((f) => f.path)).toEqual([
      'dalkit.config.ts',
      'migrations/20260304050607_create_examples.ts',
      'seeds/examples.ts',
    ]);
    expect(plan.conflicts).toEqual([]);
  });

  it('should list every config file and differing script as a conflict', async () => {
    const project = await projectWith({
      'package.json': JSON.stringify({
        name: 'a',
        scripts: { 'db:migrate': 'knex migrate:latest', 'db:check': 'dalkit db check' },
      }),
      'dalkit.config.json': '{}',
    });
    const plan = await planInit(project, choice, at);
    expect(plan.conflicts).toEqual(['dalkit.config.json', 'package.json scripts.db:migrate']);
  });

  it('should keep package.json indentation and final newline when adding scripts', async () => {
    const project = await projectWith({ 'package.json': '{\n\t"name": "a"\n}\n' });
    const text = withScripts(project, { 'db:check': 'dalkit db check' });
    expect(text).toBe('{\n\t"name": "a",\n\t"scripts": {\n\t\t"db:check": "dalkit db check"\n\t}\n}\n');
  });
});
