import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ValidationError } from '@dalkit/connection';
import { type BackupManifest, parseManifest } from './manifest.js';

/**
 * A dalkit backup is a folder holding `manifest.json` and one data file (`dump.pgcustom`,
 * `dump.sql` or `datadir.tar`), so it can be inspected, copied and archived with ordinary tools.
 */
export const MANIFEST_FILE = 'manifest.json';

/** The SHA-256 (hex) and size of a file, streamed. */
export async function digestFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return { sha256: hash.digest('hex'), bytes: (await stat(path)).size };
}

/** Writes the manifest into the backup folder. */
export async function writeManifest(folder: string, manifest: BackupManifest): Promise<void> {
  await writeFile(join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Reads a backup folder's manifest and checks its data file against the recorded size and
 * SHA-256. Returns the manifest and the data file's path.
 */
export async function openBackupFolder(
  folder: string,
): Promise<{ manifest: BackupManifest; dumpPath: string }> {
  const manifestPath = join(folder, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (cause) {
    throw new ValidationError(
      [{ path: 'backup', rule: 'exists', message: `${manifestPath} cannot be read` }],
      {
        cause,
        message: `${folder} is not a dalkit backup: ${manifestPath} cannot be read`,
        details: { hint: 'Pass the folder written by `dalkit db backup` (it holds manifest.json).' },
      },
    );
  }
  const manifest = parseManifest(text, manifestPath);
  const dumpPath = join(folder, manifest.dump.file);
  const actual = await digestFile(dumpPath).catch((cause: unknown) => {
    throw new ValidationError([{ path: 'dump', rule: 'exists', message: `${dumpPath} is missing` }], {
      cause,
    });
  });
  if (actual.sha256 !== manifest.dump.sha256 || actual.bytes !== manifest.dump.bytes) {
    throw new ValidationError(
      [{ path: 'dump', rule: 'checksum', message: `${dumpPath} does not match its manifest` }],
      {
        message: `${dumpPath} does not match its manifest (expected ${manifest.dump.bytes} bytes, sha256 ${manifest.dump.sha256.slice(0, 12)}…; found ${actual.bytes} bytes, ${actual.sha256.slice(0, 12)}…): the backup is damaged`,
      },
    );
  }
  return { manifest, dumpPath };
}
