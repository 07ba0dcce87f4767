import { resolve } from 'node:path';
import type { Command } from 'commander';
import { addExamples } from '../../_internal/add-examples.js';
import { compactTimestamp } from '../../_internal/timestamp.js';
import { createBackup } from '../../backup/create-backup.js';
import type { CliContext } from '../../context.js';
import { embeddedDataDir, openDatabase } from '../../database/open-database.js';
import { renderManifest } from './render-manifest.js';

interface BackupFlags {
  out?: string;
  force?: boolean;
}

/** Registers `dalkit db backup`: a backup folder with the dump and its manifest. */
export function registerDbBackupCommand(db: Command, context: CliContext): Command {
  const command = db
    .command('backup')
    .description(
      'back the database up into a folder: the dump plus manifest.json (version, migration head, row counts)',
    )
    .option('--out <folder>', 'backup folder to write (default: backups/<database>-<timestamp>)')
    .option('--force', 'replace an existing backup folder')
    .action(async (flags: BackupFlags) => {
      const opened = await openDatabase(context);
      try {
        const database = opened.config.database ?? 'embedded';
        const folder = resolve(
          context.io.cwd,
          flags.out ?? `backups/${database}-${compactTimestamp(new Date())}`,
        );
        const dataDir = embeddedDataDir(opened.config, context.io.cwd);
        const manifest = await createBackup(opened, {
          folder,
          force: flags.force === true,
          environment: context.environment,
          dalkitVersion: context.version,
          env: context.io.env,
          progress: context.output.progress('backup'),
          ...(dataDir ? { embeddedDataDir: dataDir } : {}),
        });
        context.output.result({ command: 'db backup', folder, manifest }, (c) => [
          `${c.green('✔')} backup written to ${c.bold(folder)}`,
          ...renderManifest(manifest, c),
        ]);
      } finally {
        await opened.close();
      }
    });
  return addExamples(command, [
    ['dalkit db backup', 'writes backups/<database>-<timestamp>/'],
    ['dalkit db backup --out backups/before-release', 'a named folder'],
    ['dalkit db backup --env production --json', 'from the production config, as JSON'],
  ]);
}
