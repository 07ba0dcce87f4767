import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Database } from '@dalkit/connection';

const SEEDS: Record<string, string> = {
  'countries.ts': `export default {
  name: 'countries',
  environments: ['*'],
  run: (ctx) => ctx.upsert('countries', [{ code: 'DE', name: 'Germany' }, { code: 'FR', name: 'France' }], { conflictOn: ['code'] }),
};
`,
  'users.mjs': `export const name = 'users';
export const environments = ['*'];
export const dependsOn = ['countries'];
export const run = (ctx) => ctx.insertMissing('users', [{ email: 'admin@example.com', country_code: 'DE' }], { conflictOn: ['email'] });
`,
  'sample-posts.cjs': `module.exports = {
  name: 'sample-posts',
  environments: ['development'],
  dependsOn: ['users'],
  async run(ctx) {
    const count = 100 * Number(ctx.params.scale ?? 1);
    const rows = Array.from({ length: count }, (_, i) => ({ author_email: 'admin@example.com', title: 'Post ' + i }));
    await ctx.bulkInsert('posts', rows);
  },
};
`,
};

const BROKEN = `export default {
  name: 'broken',
  environments: ['*'],
  async run(ctx) {
    await ctx.bulkInsert('countries', [{ code: 'JP', name: 'Japan' }]);
    throw new Error('the data file is missing');
  },
};
`;

/** A temporary project with `seeds/` (three seeds) and `broken-seeds/` (one failing seed). */
export async function createSeedProject(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'dalkit-seed-cli-'));
  await writeFile(join(cwd, 'package.json'), '{ "name": "demo", "type": "module" }\n');
  await mkdir(join(cwd, 'seeds'));
  for (const [file, text] of Object.entries(SEEDS)) await writeFile(join(cwd, 'seeds', file), text);
  await mkdir(join(cwd, 'broken-seeds'));
  await writeFile(join(cwd, 'broken-seeds', 'broken.ts'), BROKEN);
  return cwd;
}

/** Runs `fn` on a short-lived handle (the embedded server takes one connection at a time). */
export async function withSql<T>(url: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = createDatabase({ url, pool: { max: 1, min: 0 }, logging: { level: 'silent' } }, { env: false });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Creates the tables the project's seeds write. */
export async function createSeedTables(db: Database): Promise<void> {
  const serial = db.dialect === 'postgres' ? 'SERIAL' : 'INTEGER AUTO_INCREMENT';
  await db.query('CREATE TABLE countries (code VARCHAR(2) PRIMARY KEY, name VARCHAR(100) NOT NULL)');
  await db.query(
    'CREATE TABLE users (email VARCHAR(200) PRIMARY KEY, country_code VARCHAR(2) NOT NULL REFERENCES countries (code))',
  );
  await db.query(
    `CREATE TABLE posts (id ${serial} PRIMARY KEY, author_email VARCHAR(200) NOT NULL REFERENCES users (email), title VARCHAR(200) NOT NULL)`,
  );
}

/** Row counts of the seeded tables and of the history. */
export async function seedCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['countries', 'users', 'posts', 'dalkit_seeds']) {
    // MariaDB keeps a `.lock` row in the history for runners to lock.
    const where = table === 'dalkit_seeds' ? " WHERE name <> '.lock'" : '';
    const rows = await db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}${where}`);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}
