import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type DalkitRun, runDalkit } from './helpers/run-dalkit.js';

const CREATE_BOOKS = `import type { MigrationParams } from '@dalkit/migrations';

export async function up({ context: { queryInterface } }: MigrationParams): Promise<void> {
  await queryInterface.createTable('books', {
    id: { type: 'INTEGER', primaryKey: true, autoIncrement: true },
    title: { type: 'VARCHAR(100)', allowNull: false },
  });
}

export async function down({ context: { queryInterface } }: MigrationParams): Promise<void> {
  await queryInterface.dropTable('books');
}
`;

const ADD_INDEX = `export async function up({ context: { queryInterface } }) {
  await queryInterface.addIndex('books', ['title'], { name: 'books_title_idx' });
}
export async function down({ context: { queryInterface } }) {
  await queryInterface.removeIndex('books', 'books_title_idx');
}
`;

const BROKEN = `export async function up({ context: { sequelize } }) {
  await sequelize.query("INSERT INTO books (title) VALUES ('kept?')");
  await sequelize.query('INSERT INTO no_such_table VALUES (1)');
}
export async function down() {}
`;

function createdPath(run: DalkitRun): string {
  const match = /^created (.+)$/m.exec(run.stdout);
  if (!match?.[1]) throw new Error(`no path in: ${run.stdout}${run.stderr}`);
  return match[1];
}

describeEachTarget('dalkit migrate (child process)', (suite) => {
  vi.setConfig({ testTimeout: 180_000 });
  let cwd = '';
  let env: Record<string, string> = {};
  const dalkit = (...args: string[]) => runDalkit(args, { cwd, env });

  const projects: string[] = [];
  /** Points `dalkit` at a fresh project folder (each test starts from its own). */
  async function newProject(): Promise<void> {
    cwd = await mkdtemp(join(tmpdir(), 'dalkit-migrate-cli-'));
    projects.push(cwd);
    await writeFile(join(cwd, 'package.json'), '{ "name": "demo", "type": "module" }\n');
  }

  beforeAll(async () => {
    env = {
      DATABASE_URL: suite.database.url,
      ...(suite.database.maxConnections === 1 ? { DB_POOL_MAX: '1', DB_POOL_MIN: '0' } : {}),
    };
  });
  afterAll(async () => {
    for (const dir of projects) await rm(dir, { recursive: true, force: true });
  });

  it('should create, apply, report, roll back and dry-run migrations with output and exit codes', async () => {
    await newProject();
    const bad = await dalkit('migrate', 'create', 'Create-Books');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('lowercase words joined by underscores');

    const first = await dalkit('migrate', 'create', 'create_books');
    expect(first.code, first.stderr).toBe(0);
    const booksFile = createdPath(first);
    expect(booksFile).toMatch(/migrations\/\d{14}_create_books\.ts$/);
    expect(await readFile(booksFile, 'utf8')).toContain('export async function down');
    await writeFile(booksFile, CREATE_BOOKS);
    const second = await dalkit('migrate', 'create', 'index_books', '--ext', 'mjs');
    await writeFile(createdPath(second), ADD_INDEX);
    const sql = await dalkit('migrate', 'create', 'create_authors', '--sql', '--json');
    const sqlPaths = sql.json().paths as string[];
    await writeFile(
      sqlPaths[0] as string,
      'CREATE TABLE authors (id integer PRIMARY KEY, name varchar(50));\n',
    );
    await writeFile(sqlPaths[1] as string, 'DROP TABLE authors;\n');
    const names = [first, second].map((r) => createdPath(r).replace(/^.*\/(\d{14}_\w+)\.\w+$/, '$1'));
    names.push(sql.json().name as string);

    const pending = await dalkit('migrate', 'status', '--json');
    expect(pending.code, pending.stderr).toBe(0);
    expect(pending.json()).toMatchObject({ ok: true, pending: names, applied: [] });

    const dry = await dalkit('migrate', 'up', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Dry run: would apply 3 migrations; nothing was changed.');
    expect(dry.stdout).toMatch(/CREATE TABLE (IF NOT EXISTS )?["`]?books/);
    expect((await dalkit('migrate', 'status', '--json')).json().pending).toEqual(names);

    const one = await dalkit('migrate', 'up', '--to', names[0] as string);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(new RegExp(`✓ ${names[0]}\\s+\\d+ ms`));
    expect(one.stdout).toMatch(/Applied 1 migration in \d+/);

    const rest = await dalkit('migrate', 'up', '--json');
    expect(rest.code).toBe(0);
    const restJson = rest.json();
    expect(restJson).toMatchObject({ ok: true, command: 'migrate up', direction: 'up', dryRun: false });
    expect((restJson.migrations as Array<{ name: string; durationMs: number }>).map((m) => m.name)).toEqual(
      names.slice(1),
    );

    const status = await dalkit('migrate', 'status');
    expect(status.code).toBe(0);
    for (const name of names)
      expect(status.stdout).toMatch(new RegExp(`applied\\s+${name}\\s+\\d{4}-\\d{2}-\\d{2} .* ms\\s+by `));
    expect(status.stdout).toContain('3 applied, 0 pending');

    const again = await dalkit('migrate', 'up');
    expect(again.stdout).toContain('Nothing to apply');

    const dryDown = await dalkit('migrate', 'down', '--to', '0', '--dry-run');
    expect(dryDown.code).toBe(0);
    expect(dryDown.stdout).toMatch(/DROP TABLE (IF EXISTS )?["`]?books/);

    const down = await dalkit('migrate', 'down', '--step', '2');
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toContain('Reverted 2 migrations');
    const all = await dalkit('migrate', 'down', '--to', '0', '--json');
    expect((all.json().migrations as unknown[]).length).toBe(1);
    expect((await dalkit('migrate', 'status', '--json')).json()).toMatchObject({
      applied: [],
      pending: names,
    });

    const usage = await dalkit('migrate', 'down', '--step', '0');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--step must be a positive integer');
  });

  it('should fail with a one-line cause and exit 1 when a migration fails or an applied file changed', async () => {
    await newProject();
    const books = await dalkit('migrate', 'create', 'create_books');
    await writeFile(createdPath(books), CREATE_BOOKS);
    const setup = await dalkit('migrate', 'up');
    expect(setup.code, setup.stderr).toBe(0);
    const broken = await dalkit('migrate', 'create', 'broken_insert', '--ext', 'mjs');
    await writeFile(createdPath(broken), BROKEN);

    const failed = await dalkit('migrate', 'up');
    expect(failed.code).toBe(1);
    const errorLine = failed.stderr.split('\n').find((l) => l.startsWith('error:')) ?? '';
    expect(errorLine).toMatch(
      /Migration \d{14}_broken_insert \(up\) failed at statement: INSERT INTO no_such_table VALUES \(1\)/,
    );
    expect(errorLine).toContain('Nothing of it was applied');
    expect(errorLine).toContain('[MIGRATION_FAILED]');
    const failedJson = await dalkit('migrate', 'up', '--json');
    expect(failedJson.code).toBe(1);
    expect(failedJson.json()).toMatchObject({ ok: false, error: { code: 'MIGRATION_FAILED' } });
    await rm(createdPath(broken));

    const status = (await dalkit('migrate', 'status', '--json')).json();
    const applied = status.applied as string[];
    const firstFile = join(cwd, 'migrations', `${applied[0]}.ts`);
    await writeFile(firstFile, `${await readFile(firstFile, 'utf8')}\n// edited\n`);
    const invalid = await dalkit('migrate', 'validate');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('[CHECKSUM_MISMATCH]');
    expect(invalid.stderr).toContain(firstFile);
    expect((await dalkit('migrate', 'up')).code).toBe(1);
    const repaired = await dalkit('migrate', 'repair');
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stdout).toContain(`checksum accepted: ${applied[0]}`);
    const valid = await dalkit('migrate', 'validate', '--json');
    expect(valid.json()).toMatchObject({ ok: true, valid: true });
  });
});
