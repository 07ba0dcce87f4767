import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/index.js';
import { recordingLogger } from '../support/log-recorder.js';

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// Each test starts PGlite from scratch (initdb in memory or in a new folder): seconds, more under load.
describe('embedded PostgreSQL (pglite://)', { timeout: 120_000 }, () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('should start an in-memory server on first use, force the pool to one connection with a log line, and stop it on close', async () => {
    const logger = recordingLogger();
    const db = createDatabase({ url: 'pglite://memory', pool: { max: 5 } }, { logger, env: false });
    expect(db.embedded).toBe(true);
    expect(db.dialect).toBe('postgres');
    expect(db.target).toBe('pglite://memory');
    expect(db.config.pool.max).toBe(1);
    expect(logger.lines.map((l) => l.msg)).toContain(
      'embedded PostgreSQL serves one connection: pool max forced to 1 (was 5)',
    );
    await db.connect();
    const started = logger.lines.find((l) => l.msg === 'embedded PostgreSQL started');
    const port = Number(started?.obj.port);
    expect(await portIsOpen(port)).toBe(true);
    const rows = await db.query<{ v: string; app: string }>(
      "SELECT version() AS v, current_setting('application_name') AS app",
    );
    expect(rows[0]).toMatchObject({ v: expect.stringContaining('PGlite'), app: 'dalkit' });
    const health = await db.health();
    expect(health).toMatchObject({ ok: true, target: 'pglite://memory', pool: { max: 1, size: 1 } });
    await Promise.all([db.close(), db.close()]);
    await db.close();
    expect(await portIsOpen(port)).toBe(false);
    await expect(db.connect()).rejects.toThrow(/is closed/);
    expect(await db.health()).toMatchObject({ ok: false });
  });

  it('should keep data in a folder across handles, creating missing parent folders', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dalkit-embedded-'));
    dirs.push(root);
    const dir = join(root, 'not', 'yet', 'there');
    const first = createDatabase({ url: `pglite://${dir}` }, { logger: recordingLogger(), env: false });
    await first.query('CREATE TABLE notes (body text NOT NULL)');
    await first.query('INSERT INTO notes (body) VALUES ($1)', { bind: ['kept'] });
    await first.close();
    const second = createDatabase({ url: `pglite://${dir}` }, { logger: recordingLogger(), env: false });
    try {
      expect(await second.query('SELECT body FROM notes')).toEqual([{ body: 'kept' }]);
    } finally {
      await second.close();
    }
  });
});
