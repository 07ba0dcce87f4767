import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@dalkit/connection';

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  try {
    return (require('@electric-sql/pglite/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Where the template tarball of an empty embedded database is cached between runs. */
export function embeddedTemplatePath(): string {
  const dir = process.env.DALKIT_TEST_CACHE_DIR ?? join(tmpdir(), 'dalkit-test-cache');
  return join(dir, `pglite-${pgliteVersion()}-empty.tar`);
}

let pending: Promise<Blob> | undefined;

/** A lock older than this is left by a process that died while making the template. */
const STALE_LOCK_MS = 180_000;
const POLL_MS = 200;

const exists = (path: string) =>
  stat(path).then(
    (s) => s.size > 0,
    () => false,
  );

/** Makes the template tarball at `path` (initdb, then a dump of the data directory). */
async function makeTemplate(path: string): Promise<void> {
  const fresh = await startEmbeddedPostgres();
  try {
    const dump = await fresh.dumpDataDir();
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, path);
  } finally {
    await fresh.close();
  }
}

/**
 * Makes the template unless it exists, one process at a time: test runners start many
 * workers at once, and each running initdb on a cold cache starves the machine. The lock is
 * a directory (`mkdir` is atomic); the others wait for the tarball, and take over a lock
 * left stale by a process that died. Internal: exported for its tests.
 */
export async function ensureTemplate(path: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const lock = `${path}.lock`;
  while (!(await exists(path))) {
    const locked = await mkdir(lock).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
        return false;
      },
    );
    if (locked) {
      try {
        if (!(await exists(path))) await makeTemplate(path);
      } finally {
        await rm(lock, { recursive: true, force: true });
      }
      return;
    }
    const age = await stat(lock).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * The data directory of a freshly initialised embedded database, as a tarball. It is made
 * once (initdb costs seconds and hundreds of MB) and cached on disk, so every later test
 * database starts from it in about a second.
 */
export function embeddedTemplate(): Promise<Blob> {
  pending ??= (async () => {
    const path = embeddedTemplatePath();
    await ensureTemplate(path);
    return new Blob([await readFile(path)]);
  })();
  return pending;
}
