import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase, type Database, type Logger, resolveConfig } from '../../src/index.js';
import { recordingLogger } from '../support/log-recorder.js';
import { onServer } from '../support/server-admin.js';
import { freePort } from '../support/tcp-proxy.js';

/** A pino logger at debug level whose every line is kept as text. */
function capturingPino(): {
  logger: Logger;
  text: () => string;
  lines: () => Array<Record<string, unknown>>;
} {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    logger: pino({ level: 'debug' }, sink),
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describeEachTarget('logging and redaction', (suite) => {
  const password = `Pw-${randomBytes(9).toString('hex')}`;
  const user = `dalkit_pw_${randomBytes(3).toString('hex')}`;
  let url: URL;
  const capture = capturingPino();
  const errorTexts: string[] = [];

  beforeAll(async () => {
    url = new URL(suite.database.url);
    if (suite.target === 'mariadb') {
      await onServer('mariadb', `CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
      await onServer('mariadb', `GRANT ALL ON \`${suite.database.database}\`.* TO '${user}'@'%'`);
      url.username = user;
    }
    url.password = password;
  });
  afterAll(async () => {
    if (suite.target === 'mariadb') await onServer('mariadb', `DROP USER IF EXISTS '${user}'@'%'`);
  });

  it('should log every failed attempt and the final failure without the password', async () => {
    const dead = new URL(url);
    dead.port = String(await freePort());
    const db = createDatabase(
      { url: dead.toString(), retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 } },
      { logger: capture.logger, env: false },
    );
    const error = await db.connect().catch((e: unknown) => e as Error);
    errorTexts.push(String((error as Error).message), JSON.stringify(error), String((error as Error).stack));
    const health = await db.health();
    expect(health.ok).toBe(false);
    errorTexts.push(JSON.stringify(health));
    await db.close();
    expect(capture.lines().filter((l) => l.level === 40)).toHaveLength(2);
  });

  it('should log slow queries with duration and SQL, literals and bind values redacted', async () => {
    const db: Database = createDatabase(
      { url: url.toString(), pool: { max: 1, min: 0 }, logging: { slowQueryMs: 100 } },
      { logger: capture.logger, env: false },
    );
    try {
      await db.connect();
      const sleep = suite.target === 'mariadb' ? 'SLEEP(0.15)' : 'pg_sleep(0.15)';
      await db.query(`SELECT ${sleep}, '${password}' AS secret_literal, $1 AS bound`, { bind: [password] });
      await db.query(`SELECT 1 AS fast, '${password}' AS secret_literal`);
      errorTexts.push(JSON.stringify(db.config), JSON.stringify(await db.health()));
    } finally {
      await db.close();
    }
    const slow = capture.lines().filter((l) => String(l.msg).startsWith('slow query'));
    expect(slow).toHaveLength(1);
    expect(slow[0]?.durationMs).toBeGreaterThanOrEqual(100);
    expect(String(slow[0]?.sql)).toContain(`'?' AS secret_literal`);
    expect(slow[0]?.bind).toBeUndefined();
  });

  it('should log every query at debug when asked, still without the password', async () => {
    const db = createDatabase(
      { url: url.toString(), pool: { max: 1, min: 0 }, logging: { logQueries: true, logParameters: true } },
      { logger: capture.logger, env: false },
    );
    try {
      await db.query('SELECT $1 AS bound', { bind: [password] });
    } finally {
      await db.close();
    }
    const queries = capture.lines().filter((l) => l.msg === 'query');
    expect(queries.some((l) => String(l.sql).includes('AS bound'))).toBe(true);
  });

  it('should keep the password out of configuration errors', () => {
    let message = '';
    try {
      resolveConfig({ url: url.toString(), pool: { max: -1 } }, { env: false });
    } catch (error) {
      message = `${(error as Error).message} ${JSON.stringify(error)}`;
    }
    expect(message).toContain('pool.max must be');
    errorTexts.push(message);
  });

  it('should never have written the password to any log line or error', () => {
    const everything = `${capture.text()}\n${errorTexts.join('\n')}`;
    expect(capture.lines().length).toBeGreaterThan(5);
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(encodeURIComponent(password));
  });
});

describeEachTarget('logger choice', (suite) => {
  it('should accept a logger in the config object', async () => {
    const logger = recordingLogger();
    const db = createDatabase({ url: suite.database.url, logger }, { env: false });
    await db.connect();
    await db.close();
    expect(logger.lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['database connected', 'database closed']),
    );
  });
});
