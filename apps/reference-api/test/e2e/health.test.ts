import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createDatabase, type Database } from '@dalkit/connection';
import { createMigrator } from '@dalkit/migrations';
import { describeEachTarget } from '@dalkit/testing/vitest';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { MIGRATIONS } from '../../src/db/migrations.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import { call, useTestServer } from '../support/test-server.js';

const KEYS = {
  encryption: { keys: { k1: randomBytes(32) }, activeKeyId: 'k1' },
  blindIndexKey: randomBytes(32),
};

/** A TCP port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeEachTarget(
  'health with the database up',
  (suite) => {
    const server = useTestServer(suite);

    it('should be live and ready, with no pending migrations', async () => {
      const live = await call(server().url, 'GET', '/health/live');
      expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });
      const ready = await call(server().url, 'GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({
        status: 'ok',
        database: { ok: true },
        migrations: { ok: true, pending: [] },
      });
      expect(ready.body.database.latencyMs).toBeGreaterThanOrEqual(0);
    });
  },
  { targets: ['embedded', 'postgres'] },
);

describe('health with the database down (nothing listens on its port)', () => {
  let db: Database;
  let app: FastifyInstance;
  let base: string;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const url = `postgres://postgres@127.0.0.1:${await closedPort()}/postgres`;
    db = createDatabase(
      { url, logger: pino({ level: 'silent' }) },
      { env: { DB_POOL_ACQUIRE_TIMEOUT_MS: '2000' } },
    );
    prepareDatabase(db, KEYS);
    const migrator = createMigrator({ db, migrations: MIGRATIONS });
    const stream = { write: (line: string) => lines.push(JSON.parse(line)) };
    app = await buildApp({
      db,
      pendingMigrations: () => migrator.pending(),
      loggerInstance: pino({ level: 'info' }, stream),
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('should stay live', async () => {
    expect((await call(base, 'GET', '/health/live')).status).toBe(200);
  });

  it('should not be ready: 503 with Retry-After and no internals', async () => {
    const ready = await call(base, 'GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBe('5');
    expect(ready.body).toMatchObject({ status: 'unavailable', database: { ok: false } });
    expect(JSON.stringify(ready.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|postgres:/);
  });

  it('should answer data routes with 503 problem+json and Retry-After', async () => {
    for (const path of ['/products', '/products/stats', '/users/0192f0d2-0000-7000-8000-000000000001']) {
      const response = await call(base, 'GET', path);
      expect(response.status, path).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.code).toMatch(/CONNECTION_FAILED|TRANSIENT|TIMEOUT/);
      expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|SELECT|stack/);
    }
  });

  it('should log each request with its id and duration, as JSON lines', async () => {
    const response = await fetch(`${base}/docs`, { headers: { 'x-request-id': 'log-check-1' } });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const mine = lines.filter((l) => l.reqId === 'log-check-1');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(mine[1]?.responseTime).toEqual(expect.any(Number));
  });
});
