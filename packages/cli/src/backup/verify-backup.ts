import { openBackupFolder } from './backup-folder.js';
import { checkEmbeddedArchive } from './embedded-engine.js';
import type { BackupManifest } from './manifest.js';
import { checkMariadbDump } from './mariadb-engine.js';
import { checkPostgresArchive } from './postgres-engine.js';

/**
 * Checks a backup folder without restoring it: the manifest is valid, the data file matches
 * its recorded size and SHA-256, and the restore tool can read it (`pg_restore --list`, a
 * complete mariadb-dump, a tar archive). Throws on the first problem.
 */
export async function verifyBackup(
  folder: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<BackupManifest> {
  const { manifest, dumpPath } = await openBackupFolder(folder);
  switch (manifest.engine) {
    case 'postgres':
      await checkPostgresArchive(dumpPath, env);
      break;
    case 'mariadb':
      await checkMariadbDump(dumpPath);
      break;
    case 'embedded':
      await checkEmbeddedArchive(dumpPath);
      break;
  }
  return manifest;
}
