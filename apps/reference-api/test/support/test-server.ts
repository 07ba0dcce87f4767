import { randomBytes } from 'node:crypto';
import type { TargetSuite } from '@dalkit/testing/vitest';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';

/** Keys shared by every test server of a run (so rows written by one are readable by another). */
const KEYS = {
  ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
};

/** The admin password the `admin-user` seed uses in tests. */
export const ADMIN_PASSWORD = 'correct horse battery staple';

/** A response read as JSON. */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are asserted field by field.
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the running app over real HTTP. */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are asserted field by field.
export async function call<T = any>(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Environment of a test server on `url` (embedded: a pool of one connection). */
export function testEnv(suite: TargetSuite, extra: Record<string, string> = {}) {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: suite.database.url,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SEED_ON_START: 'true',
    ...KEYS,
    ...extra,
  };
}

/**
 * Starts the real service (migrations, test seeds, HTTP on a free port) on the suite's
 * database before the suite and stops it after. Returns a getter for the running server.
 */
export function useTestServer(suite: TargetSuite): () => RunningServer {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    process.env.ADMIN_PASSWORD = ADMIN_PASSWORD;
    const config = loadConfig(testEnv(suite));
    const pool =
      suite.database.maxConnections === 1 ? { DB_POOL_MAX: '1', DB_POOL_MIN: '0' } : { DB_POOL_MAX: '10' };
    server = await startServer(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), {
      databaseEnv: pool,
    });
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the test server is not started yet');
    return server;
  };
}

/** A unique suffix for natural keys (sku, slug, email) within a run. */
export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}
