import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ConnectionError, createDatabase, isDalkitError, startEmbeddedPostgres } from '../../src/index.js';
import { recordingLogger } from '../support/log-recorder.js';

const SOURCE = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

/** A child process that opens the folder, writes a row, prints "ready" and then waits to be killed. */
function holdInChild(dataDir: string): Promise<ChildProcess> {
  const script = `
    const { startEmbeddedPostgres } = await import(${JSON.stringify(SOURCE)});
    const pg = (await import('pg')).default;
    const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query("CREATE TABLE IF NOT EXISTS notes (body text NOT NULL)");
    await client.query("INSERT INTO notes (body) VALUES ('from the child')");
    await client.end();
    console.log('ready');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${stderr}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function notes(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ body: string }>('SELECT body FROM notes ORDER BY body')).rows.map(
      (r) => r.body,
    );
  } finally {
    await client.end();
  }
}

// Each test starts PGlite in a new folder (initdb): seconds, more under load.
describe('embedded data folder lock', { timeout: 120_000 }, () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function newFolder(): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), 'dalkit-lock-'));
    dirs.push(root);
    return join(root, 'data');
  }

  it('should refuse a second handle in the same process until the first is closed', async () => {
    const dataDir = await newFolder();
    const first = await startEmbeddedPostgres({ dataDir });
    const error = await startEmbeddedPostgres({ dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(isDalkitError(error, 'CONNECTION_FAILED')).toBe(true);
    expect((error as Error).message).toContain(`${dataDir} is in use by process ${process.pid}`);
    expect((error as ConnectionError).details).toMatchObject({ dataDir, lockFile: `${dataDir}.lock` });
    await first.close();
    await expect(readFile(`${dataDir}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
    const again = await startEmbeddedPostgres({ dataDir });
    await again.close();
  });

  it('should refuse a folder another process holds, and take it over once that process was killed', async () => {
    const dataDir = await newFolder();
    const child = await holdInChild(dataDir);
    children.push(child);
    const error = await startEmbeddedPostgres({ dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain(`is in use by process ${child.pid}.`);
    expect((error as Error).message).toContain(`delete ${dataDir}.lock`);
    // The folder was left alone: the child still serves it.
    expect(JSON.parse(await readFile(`${dataDir}.lock`, 'utf8'))).toMatchObject({ pid: child.pid });

    // Killed without a chance to clean up: its lock file stays, naming a process that is gone.
    child.kill('SIGKILL');
    await exited(child);
    const server = await startEmbeddedPostgres({ dataDir });
    try {
      expect(JSON.parse(await readFile(`${dataDir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
      expect(await notes(server.url)).toEqual(['from the child']);
    } finally {
      await server.close();
    }
  });

  it('should take over a lock left by an earlier process with this very pid (a restarted container)', async () => {
    const dataDir = await newFolder();
    const { hostname } = await import('node:os');
    await writeFile(
      `${dataDir}.lock`,
      JSON.stringify({ pid: process.pid, host: hostname(), instance: 'an earlier process' }),
    );
    const server = await startEmbeddedPostgres({ dataDir });
    await server.close();
  });

  it('should fail connect() at once, naming the holder, when a pglite:// folder is in use', async () => {
    const dataDir = await newFolder();
    const holder = await startEmbeddedPostgres({ dataDir });
    try {
      const db = createDatabase(
        { url: `pglite://${dataDir}`, retry: { maxAttempts: 5 } },
        { logger: recordingLogger(), env: false },
      );
      const started = Date.now();
      const error = await db.connect().catch((e: unknown) => e);
      await db.close();
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toContain(`${dataDir} is in use by process ${process.pid}`);
      expect((error as ConnectionError).details).toMatchObject({ attempts: 1 });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await holder.close();
    }
  });
});
