import { describeEachTarget } from '@dalkit/testing/vitest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase, type Database, silentLogger } from '../../src/index.js';

describeEachTarget('createDatabase', (suite) => {
  let db: Database;
  beforeAll(async () => {
    db = createDatabase(
      { url: suite.database.url, pool: { max: suite.database.maxConnections === 1 ? 1 : 4, min: 0 } },
      { logger: silentLogger, env: false },
    );
    await db.connect();
  });
  afterAll(() => db.close());

  it('should run a parameterized query and return its rows', async () => {
    const sql = suite.target === 'mariadb' ? 'SELECT $1 + 1 AS n' : 'SELECT $1::int + 1 AS n';
    const rows = await db.query<{ n: number }>(sql, { bind: [41] });
    expect(Number(rows[0]?.n)).toBe(42);
  });

  it('should report the dialect it speaks', () => {
    expect(db.dialect).toBe(suite.target === 'mariadb' ? 'mysql' : 'postgres');
  });

  it('should report health with round-trip time and pool figures', async () => {
    const report = await db.health();
    expect(report.ok).toBe(true);
    expect(report.latencyMs).toBeGreaterThanOrEqual(0);
    expect(report.pool.size).toBeGreaterThanOrEqual(1);
    expect(report.pool.idle + report.pool.using).toBe(report.pool.size);
    expect(report.pool.waiting).toBe(0);
  });
});
