import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
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

/**
 * The data directory of a freshly initialised embedded database, as a tarball. It is made
 * once (initdb costs seconds and hundreds of MB) and cached on disk, so every later test
 * database starts from it in about a second.
 */
export function embeddedTemplate(): Promise<Blob> {
  pending ??= (async () => {
    const path = embeddedTemplatePath();
    const cached = await stat(path).then(
      (s) => s.size > 0,
      () => false,
    );
    if (!cached) {
      const fresh = await startEmbeddedPostgres();
      try {
        const dump = await fresh.dumpDataDir();
        await mkdir(join(path, '..'), { recursive: true });
        const partial = `${path}.${process.pid}.partial`;
        await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
        await rename(partial, path);
      } finally {
        await fresh.close();
      }
    }
    return new Blob([await readFile(path)]);
  })();
  return pending;
}
