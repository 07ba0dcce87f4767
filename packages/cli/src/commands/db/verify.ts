import { resolve } from 'node:path';
import type { Command } from 'commander';
import { addExamples } from '../../_internal/add-examples.js';
import { verifyBackup } from '../../backup/verify-backup.js';
import type { CliContext } from '../../context.js';
import { renderManifest } from './render-manifest.js';

/** Registers `dalkit db verify <folder>`: checks a backup without restoring it. */
export function registerDbVerifyCommand(db: Command, context: CliContext): Command {
  const command = db
    .command('verify')
    .argument('<folder>', 'a backup folder written by `dalkit db backup`')
    .description(
      'check a backup without restoring it: manifest, checksum, and that the restore tool can read it',
    )
    .action(async (folderArgument: string) => {
      const folder = resolve(context.io.cwd, folderArgument);
      const manifest = await verifyBackup(folder, context.io.env);
      context.output.result({ command: 'db verify', folder, valid: true, manifest }, (c) => [
        `${c.green('✔')} ${c.bold(folder)} is a valid ${manifest.engine} backup`,
        ...renderManifest(manifest, c),
      ]);
    });
  return addExamples(command, [
    ['dalkit db verify backups/nightly', 'is this backup intact and readable?'],
    ['dalkit db verify backups/nightly --json', 'the manifest, as JSON'],
  ]);
}
