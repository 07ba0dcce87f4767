import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { availableTargets, createTestDatabase } from '../src/index.js';
import { describeEachTarget } from '../src/vitest.js';

async function scalar(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(sql);
    return Object.values(rows[0] ?? {})[0];
  } finally {
    await client.end();
  }
}

describe('availableTargets', () => {
  it('should always offer embedded and add servers whose URL is set', () => {
    expect(availableTargets({})).toEqual(['embedded']);
    expect(
      availableTargets({ DALKIT_TEST_PG_URL: 'postgres://x', DALKIT_TEST_MARIADB_URL: 'mysql://y' }),
    ).toEqual(['embedded', 'postgres', 'mariadb']);
    expect(availableTargets({ DALKIT_TEST_PG_URL: 'postgres://x', DALKIT_TEST_TARGETS: 'postgres' })).toEqual(
      ['postgres'],
    );
  });
});

describe('createTestDatabase', () => {
  it('should give each caller its own embedded database that is gone after drop', async () => {
    const a = await createTestDatabase({ target: 'embedded' });
    const b = await createTestDatabase({ target: 'embedded' });
    try {
      await scalar(a.url, 'CREATE TABLE only_in_a (id int)');
      expect(await scalar(a.url, "SELECT count(*)::int FROM pg_tables WHERE tablename = 'only_in_a'")).toBe(
        1,
      );
      expect(await scalar(b.url, "SELECT count(*)::int FROM pg_tables WHERE tablename = 'only_in_a'")).toBe(
        0,
      );
      expect(a.maxConnections).toBe(1);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
    await expect(scalar(a.url, 'SELECT 1')).rejects.toThrow();
    // On a cold cache the first database waits for initdb of the template, under the load of every package's tests.
  }, 120_000);

  it('should fail, naming the redacted URL, when a server is unreachable', async () => {
    const env = { DALKIT_TEST_PG_URL: 'postgres://someone:hunter2@127.0.0.1:1/postgres' };
    const attempt = createTestDatabase({ target: 'postgres', env });
    await expect(attempt).rejects.toThrow(
      /postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/postgres.*unreachable/,
    );
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it('should refuse a server target whose URL is not set', async () => {
    await expect(createTestDatabase({ target: 'mariadb', env: {} })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});

describeEachTarget('describeEachTarget', (suite) => {
  it('should hand each target an empty database of its dialect', async () => {
    const { database } = suite;
    expect(database.target).toBe(suite.target);
    if (database.dialect === 'postgres') {
      expect(
        await scalar(database.url, "SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public'"),
      ).toBe(0);
    } else {
      const mysql = await import('mysql2/promise');
      const connection = await mysql.createConnection(database.url);
      const [rows] = await connection.query('SELECT DATABASE() AS name');
      await connection.end();
      expect((rows as { name: string }[])[0]?.name).toBe(database.database);
    }
  });
});
