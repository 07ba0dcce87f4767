import { describeEachTarget } from '@dalkit/testing/vitest';
import { expect, it } from 'vitest';
import { ConnectionError, createDatabase, isDalkitError } from '../../src/index.js';
import { recordingLogger } from '../support/log-recorder.js';
import { freePort, startTcpProxy } from '../support/tcp-proxy.js';

function onPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString();
}

describeEachTarget('connect() retry', (suite) => {
  it('should keep retrying a port where nothing listens and succeed once a server appears there', async () => {
    const port = await freePort();
    const logger = recordingLogger();
    const db = createDatabase(
      {
        url: onPort(suite.database.url, port),
        pool: { max: 1, min: 0 },
        retry: { maxAttempts: 100, initialDelayMs: 50, maxDelayMs: 400, deadlineMs: 20_000 },
      },
      { logger, env: false },
    );
    const real = new URL(suite.database.url);
    let proxy: Awaited<ReturnType<typeof startTcpProxy>> | undefined;
    try {
      const started = Date.now();
      const connecting = db.connect();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      proxy = await startTcpProxy(port, { host: real.hostname, port: Number(real.port) });
      await connecting;
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
      const retries = logger.lines.filter((l) => l.level === 'warn');
      expect(retries.length).toBeGreaterThanOrEqual(2);
      expect(retries[0]?.obj).toMatchObject({
        attempt: 1,
        maxAttempts: 100,
        target: expect.stringContaining(`:${port}/`),
      });
      expect(retries[0]?.obj.delayMs).toEqual(expect.any(Number));
      expect(String(retries[0]?.obj.error)).toContain('ECONNREFUSED');
      expect(retries.map((l) => l.obj.attempt)).toEqual(retries.map((_, i) => i + 1));
      expect(logger.lines.some((l) => l.msg === 'database connected')).toBe(true);
      const rows = await db.query<{ n: number }>('SELECT 1 AS n');
      expect(Number(rows[0]?.n)).toBe(1);
      expect(proxy.accepted).toBeGreaterThanOrEqual(1);
    } finally {
      await db.close();
      await proxy?.close();
    }
  });

  it('should give up within its deadline with a ConnectionError naming attempts, time and cause', async () => {
    const port = await freePort();
    const logger = recordingLogger();
    const db = createDatabase(
      {
        url: onPort(suite.database.url, port),
        retry: { maxAttempts: 1_000, initialDelayMs: 50, maxDelayMs: 200, deadlineMs: 1_500 },
      },
      { logger, env: false },
    );
    const started = Date.now();
    const error = await db.connect().catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    await db.close();
    expect(error).toBeInstanceOf(ConnectionError);
    expect(isDalkitError(error, 'CONNECTION_FAILED')).toBe(true);
    expect(elapsed).toBeLessThanOrEqual(1_500 + 500);
    const message = (error as Error).message;
    expect(message).toMatch(
      new RegExp(
        `^Could not connect to ${db.target.replace(/[/.]/g, '\\$&')} after \\d+ attempt\\(s\\) over \\d+ ms: .*ECONNREFUSED`,
      ),
    );
    expect((error as ConnectionError).details).toMatchObject({ reason: 'deadline', target: db.target });
    expect(logger.lines.filter((l) => l.level === 'error')).toHaveLength(1);
  });

  it('should stop after maxAttempts', async () => {
    const port = await freePort();
    const db = createDatabase(
      { url: onPort(suite.database.url, port), retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 } },
      { logger: recordingLogger(), env: false },
    );
    const error = (await db.connect().catch((e: unknown) => e)) as ConnectionError;
    await db.close();
    expect(error.details).toMatchObject({ attempts: 3, reason: 'attempts' });
    expect(error.message).toContain('after 3 attempt(s)');
  });

  it('should wait through the injected clock, so tests of the schedule need no real waiting', async () => {
    const port = await freePort();
    const slept: number[] = [];
    let now = 0;
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        slept.push(ms);
        now += ms;
      },
      random: () => 0.5,
    };
    const db = createDatabase(
      {
        url: onPort(suite.database.url, port),
        retry: { maxAttempts: 6, initialDelayMs: 1_000, maxDelayMs: 8_000, deadlineMs: 60_000 },
      },
      { logger: recordingLogger(), env: false, clock },
    );
    const started = Date.now();
    const error = (await db.connect().catch((e: unknown) => e)) as ConnectionError;
    await db.close();
    expect(slept).toEqual([500, 1_000, 2_000, 4_000, 4_000]);
    expect(error.details).toMatchObject({ attempts: 6, elapsedMs: 11_500, reason: 'attempts' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describeEachTarget(
  'connect() failures that waiting cannot fix',
  (suite) => {
    it('should not retry a database that does not exist', async () => {
      const url = new URL(suite.database.url);
      url.pathname = '/dalkit_no_such_database';
      const db = createDatabase(
        { url: url.toString(), retry: { maxAttempts: 5 } },
        { logger: recordingLogger(), env: false },
      );
      const error = (await db.connect().catch((e: unknown) => e)) as ConnectionError;
      await db.close();
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.details).toMatchObject({ attempts: 1, reason: 'not retryable' });
      expect(error.message).toMatch(/dalkit_no_such_database/);
    });

    it('should not retry rejected credentials', async () => {
      const url = new URL(suite.database.url);
      url.username = 'dalkit_no_such_user';
      url.password = 'wrong-Secret-77';
      const db = createDatabase(
        { url: url.toString(), retry: { maxAttempts: 5 } },
        { logger: recordingLogger(), env: false },
      );
      const error = (await db.connect().catch((e: unknown) => e)) as ConnectionError;
      await db.close();
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.details).toMatchObject({ attempts: 1, reason: 'not retryable' });
      expect(error.message).not.toContain('wrong-Secret-77');
    });
  },
  { targets: ['postgres', 'mariadb'] },
);
