import { createReadStream } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip, gunzip, gzip } from 'node:zlib';
import { startEmbeddedPostgres, ValidationError } from '@dalkit/connection';
import type { BackupEngine } from './engine.js';
import { BackupEngineKind } from './manifest.js';

const TAR_MAGIC_OFFSET = 257;
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * The embedded PostgreSQL (PGlite): a backup is a gzipped tarball of its data directory, taken
 * from the running instance (`dumpDataDir`). Restore moves the current folder aside, creates a
 * new one from the tarball, and deletes the old one only once that worked. Stop the
 * application that uses the folder first: PGlite serves one process.
 */
export function createEmbeddedEngine(dataDir: string, dumpDataDir: () => Promise<Blob>): BackupEngine {
  return {
    kind: BackupEngineKind.EMBEDDED,
    dumpFile: 'datadir.tar.gz',
    async dump(path, onTable) {
      onTable(dataDir);
      const blob = await dumpDataDir();
      await writeFile(path, await gzipAsync(Buffer.from(await blob.arrayBuffer())));
      return 'pglite dumpDataDir';
    },
    async restore(path, _options, onTable) {
      onTable(dataDir);
      const tarball = await gunzipAsync(await readFile(path));
      const aside = `${dataDir}.before-restore-${Date.now()}`;
      const moved = await rename(dataDir, aside).then(
        () => true,
        () => false,
      );
      try {
        const server = await startEmbeddedPostgres({ dataDir, loadDataDir: new Blob([tarball]) });
        await server.close();
      } catch (error) {
        await rm(dataDir, { recursive: true, force: true });
        if (moved) await rename(aside, dataDir);
        throw error;
      }
      if (moved) await rm(aside, { recursive: true, force: true });
    },
  };
}

/** Checks that the data file decompresses completely (gzip CRC) and holds a tar archive. */
export async function checkEmbeddedArchive(path: string): Promise<void> {
  let header = Buffer.alloc(0);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (header.length < 512) header = Buffer.concat([header, chunk]).subarray(0, 512);
      done();
    },
  });
  try {
    await pipeline(createReadStream(path), createGunzip(), sink);
  } catch (cause) {
    throw new ValidationError(
      [{ path: 'dump', rule: 'format', message: `${path} is not a complete gzip file` }],
      { cause },
    );
  }
  if (header.toString('latin1', TAR_MAGIC_OFFSET, TAR_MAGIC_OFFSET + 5) !== 'ustar') {
    throw new ValidationError([
      { path: 'dump', rule: 'format', message: `${path} does not hold a tar archive` },
    ]);
  }
}
