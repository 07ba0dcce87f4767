import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureTemplate } from '../src/embedded-template.js';

describe('ensureTemplate', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dalkit-template-'));
    path = join(dir, 'pglite-test-empty.tar');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should wait for the process holding the lock instead of running initdb too', async () => {
    await mkdir(`${path}.lock`);
    const other = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await writeFile(path, 'made by the lock holder');
      await rm(`${path}.lock`, { recursive: true });
    })();
    await ensureTemplate(path);
    await other;
    expect(await readFile(path, 'utf8')).toBe('made by the lock holder');
  });

  it('should take over a lock left stale by a process that died, and make the template', async () => {
    await mkdir(`${path}.lock`);
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await utimes(`${path}.lock`, longAgo, longAgo);
    await ensureTemplate(path);
    expect((await stat(path)).size).toBeGreaterThan(1_000_000);
    expect(existsSync(`${path}.lock`)).toBe(false);
  }, 120_000);
});
