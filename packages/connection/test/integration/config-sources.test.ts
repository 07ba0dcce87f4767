import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase, loadConfig, silentLogger } from '../../src/index.js';

describeEachTarget('configuration sources against a real database', (suite) => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dalkit-sources-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const one = () => (suite.database.maxConnections === 1 ? 1 : 3);

  async function roundTrip(db: ReturnType<typeof createDatabase>): Promise<number> {
    try {
      const rows = await db.query<{ n: number }>('SELECT 1 AS n');
      return Number(rows[0]?.n);
    } finally {
      await db.close();
    }
  }

  it('should connect from DATABASE_URL alone', async () => {
    const db = createDatabase(
      {},
      {
        logger: silentLogger,
        env: { DATABASE_URL: suite.database.url, DB_POOL_MAX: String(one()), DB_POOL_MIN: '0' },
      },
    );
    expect(db.config.pool.max).toBe(one());
    expect(await roundTrip(db)).toBe(1);
  });

  it('should connect from separate DB_* variables', async () => {
    const url = new URL(suite.database.url);
    const env = {
      DB_DIALECT: suite.database.dialect === 'mariadb' ? 'mariadb' : 'postgres',
      DB_HOST: url.hostname,
      DB_PORT: url.port,
      DB_NAME: suite.database.database,
      DB_USER: decodeURIComponent(url.username),
      DB_PASSWORD: decodeURIComponent(url.password),
      DB_POOL_MAX: String(one()),
      DB_POOL_MIN: '0',
    };
    const db = createDatabase({}, { logger: silentLogger, env });
    expect(db.target).toBe(`${env.DB_DIALECT}://${env.DB_USER}@${env.DB_HOST}:${env.DB_PORT}/${env.DB_NAME}`);
    expect(await roundTrip(db)).toBe(1);
  });

  it('should connect from a TypeScript config file found from the working directory, with its environment block', async () => {
    await writeFile(
      join(dir, 'dalkit.config.ts'),
      `const base: { url: string } = { url: 'postgres://nowhere.invalid/none' };
export default {
  ...base,
  pool: { max: ${one()}, min: 0 },
  test: { url: ${JSON.stringify(suite.database.url)}, pool: { idleMs: 1234 } },
};`,
    );
    const config = await loadConfig({}, { cwd: dir, env: { NODE_ENV: 'test' } });
    expect(config.pool).toMatchObject({ max: one(), min: 0, idleMs: 1234 });
    const db = createDatabase(config, { logger: silentLogger });
    expect(await roundTrip(db)).toBe(1);
  });

  it('should let explicit options beat the environment and the file', async () => {
    await writeFile(join(dir, 'dalkit.config.json'), JSON.stringify({ url: 'postgres://file.invalid/none' }));
    const config = await loadConfig(
      { url: suite.database.url, pool: { max: one(), min: 0 } },
      {
        configFile: join(dir, 'dalkit.config.json'),
        env: { DATABASE_URL: 'postgres://env.invalid/none', DB_POOL_MAX: '99' },
      },
    );
    expect(await roundTrip(createDatabase(config, { logger: silentLogger }))).toBe(1);
  });
});

describeEachTarget('database handle lifecycle', (suite) => {
  it('should close idempotently and refuse to connect afterwards', async () => {
    const db = createDatabase(
      { url: suite.database.url, pool: { max: 1, min: 0 } },
      { logger: silentLogger, env: false },
    );
    await db.connect();
    expect(await db.ping()).toBeGreaterThanOrEqual(0);
    await Promise.all([db.close(), db.close()]);
    await db.close();
    await expect(db.connect()).rejects.toThrow(/is closed/);
    await expect(db.query('SELECT 1')).rejects.toThrow();
    const health = await db.health();
    expect(health.ok).toBe(false);
    expect(health.error?.message).toEqual(expect.any(String));
  });

  it('should expose the transaction API of the transaction manager', async () => {
    const db = createDatabase(
      { url: suite.database.url, pool: { max: 1, min: 0 } },
      { logger: silentLogger, env: false },
    );
    try {
      expect(typeof db.transaction).toBe('function');
      expect(typeof db.begin).toBe('function');
      expect(typeof db.currentTransaction).toBe('function');
      const value = await db.transaction(async (tx) => {
        const rows = await db.query<{ n: number }>('SELECT 2 AS n', { transaction: tx });
        return Number(rows[0]?.n);
      });
      expect(value).toBe(2);
    } finally {
      await db.close();
    }
  });
});
