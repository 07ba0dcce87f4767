import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { startEmbeddedPostgres, ValidationError } from '@dalkit/connection';
import type { BackupEngine } from './engine.js';
import { BackupEngineKind } from './manifest.js';

const TAR_MAGIC_OFFSET = 257;

/**
 * The embedded PostgreSQL (PGlite): a backup is a tarball of its data directory, taken from
 * the running instance (`dumpDataDir`). Restore moves the current folder aside, creates a new
 * one from the tarball, and deletes the old one only once that worked. Stop the application
 * that uses the folder first: PGlite serves one process.
 */
export function createEmbeddedEngine(dataDir: string, dumpDataDir: () => Promise<Blob>): BackupEngine {
  return {
    kind: BackupEngineKind.EMBEDDED,
    dumpFile: 'datadir.tar',
    async dump(path, onTable) {
      onTable(dataDir);
      const blob = await dumpDataDir();
      await writeFile(path, Buffer.from(await blob.arrayBuffer()));
      return 'pglite dumpDataDir';
    },
    async restore(path, _options, onTable) {
      onTable(dataDir);
      const aside = `${dataDir}.before-restore-${Date.now()}`;
      const moved = await rename(dataDir, aside).then(
        () => true,
        () => false,
      );
      try {
        const data = await readFile(path);
        const server = await startEmbeddedPostgres({ dataDir, loadDataDir: new Blob([data]) });
        await server.close();
      } catch (error) {
        await rm(dataDir, { recursive: true, force: true });
        if (moved) await rename(aside, dataDir);
        throw error;
      }
      if (moved) await rm(aside, { recursive: true, force: true });
    },
    async checkArchive(path) {
      const header = Buffer.alloc(512);
      const data = await readFile(path);
      data.copy(header, 0, 0, 512);
      if (header.toString('latin1', TAR_MAGIC_OFFSET, TAR_MAGIC_OFFSET + 5) !== 'ustar') {
        throw new ValidationError([
          { path: 'dump', rule: 'format', message: `${path} is not a tar archive` },
        ]);
      }
    },
  };
}
