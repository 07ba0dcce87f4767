import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createDatabase } from '@dalkit/connection';
import { createMigrator } from '@dalkit/migrations';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDalkit } from '../helpers/run-dalkit.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';

const MIGRATION = `export async function up({ context }) {
  await context.sequelize.query('CREATE TABLE widgets (id int PRIMARY KEY)');
}
export async function down({ context }) {
  await context.sequelize.query('DROP TABLE widgets');
}
`;

describeEachTarget('dalkit db check', (suite) => {
  let project: TempProject;
  let env: Record<string, string>;
  const check = (...args: string[]) => runDalkit(['db', 'check', ...args], { cwd: project.dir, env });

  beforeAll(async () => {
    project = await createTempProject({ name: 'check-app', type: 'module' });
    env = { DATABASE_URL: suite.database.url };
    // The embedded test server serves one connection: the CLI must not open more.
    if (suite.target === 'embedded') Object.assign(env, { DB_POOL_MAX: '1', DB_POOL_MIN: '0' });
  });
  afterAll(() => project.remove());

  it('should report server, user, SSL, round trip and pool as one JSON object and exit 0', async () => {
    const run = await check('--json');
    expect(run.code, run.stderr).toBe(0);
    const out = run.json();
    expect(out).toMatchObject({ ok: true, command: 'db check', reachable: true, ssl: false, problems: [] });
    expect(out.database).toBe(suite.database.database);
    expect(typeof out.serverVersion).toBe('string');
    expect(String(out.user)).toMatch(suite.target === 'mariadb' ? /^root@/ : /^postgres$/);
    expect(out.roundTripMs).toBeGreaterThan(0);
    expect(out.pool).toMatchObject({ max: suite.target === 'embedded' ? 1 : 10 });
    expect(out.migrations).toMatchObject({ folderFound: false, applied: 0, pending: [], head: null });
  });

  it('should exit 1 while a migration is pending, and 0 with --allow-pending', async () => {
    await mkdir(join(project.dir, 'migrations'));
    await project.write('migrations/20260101000000_create_widgets.js', MIGRATION);
    const pending = await check('--json');
    expect(pending.code).toBe(1);
    expect(pending.json()).toMatchObject({
      ok: false,
      problems: ['1 pending migration(s)'],
      migrations: { pending: ['20260101000000_create_widgets'] },
    });
    const human = await check();
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('pending  20260101000000_create_widgets');
    const allowed = await check('--allow-pending', '--json');
    expect(allowed.code).toBe(0);
    expect(allowed.json()).toMatchObject({ ok: true });
  });

  it('should exit 0, quietly, once the migrations are applied, naming the head', async () => {
    const db = createDatabase(
      { url: suite.database.url, pool: { max: 1, min: 0 }, logging: { level: 'silent' } },
      { env: false },
    );
    try {
      await createMigrator({ db, migrations: join(project.dir, 'migrations') }).up();
    } finally {
      await db.close();
    }
    const probe = await check('--quiet');
    expect(probe.code, probe.stderr).toBe(0);
    expect(probe.stdout).toBe('');
    const out = (await check('--json')).json();
    expect(out.migrations).toMatchObject({ applied: 1, head: '20260101000000_create_widgets', pending: [] });
  });

  it('should exit 1 when an applied migration file was changed', async () => {
    await project.write('migrations/20260101000000_create_widgets.js', `${MIGRATION}// edited\n`);
    const run = await check('--json', '--allow-pending');
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({
      ok: false,
      migrations: { changed: ['20260101000000_create_widgets'] },
    });
  });
});

describe('dalkit db check against an unreachable database', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await createTempProject({ name: 'down-app' });
  });
  afterAll(() => project.remove());

  it.each([
    ['postgres', 'postgres://app:hunter2@127.0.0.1:1/shop'],
    ['mariadb', 'mysql://app:hunter2@127.0.0.1:1/shop'],
  ])('should exit 1 with CONNECTION_FAILED for %s, never printing the password', async (_dialect, url) => {
    const env = {
      DATABASE_URL: url,
      DB_CONNECT_RETRY_MAX_ATTEMPTS: '2',
      DB_CONNECT_RETRY_INITIAL_DELAY_MS: '10',
    };
    const run = await runDalkit(['db', 'check', '--json'], { cwd: project.dir, env });
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { code: 'CONNECTION_FAILED' } });
    expect(run.stdout + run.stderr).not.toContain('hunter2');
    const human = await runDalkit(['db', 'check', '--verbose'], { cwd: project.dir, env });
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('error: Could not connect to');
    expect(human.stderr).toContain('hint: Check that the database server is running');
    expect(human.stdout + human.stderr).not.toContain('hunter2');
  });

  it('should give up within --timeout', async () => {
    const started = Date.now();
    const run = await runDalkit(['db', 'check', '--timeout', '1500'], {
      cwd: project.dir,
      env: { DATABASE_URL: 'postgres://app@127.0.0.1:1/shop' },
    });
    expect(run.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
