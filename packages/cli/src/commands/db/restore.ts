import { resolve } from 'node:path';
import type { Command } from 'commander';
import { addExamples } from '../../_internal/add-examples.js';
import { restoreBackup } from '../../backup/restore-backup.js';
import type { CliContext } from '../../context.js';
import { loadDatabaseConfig } from '../../database/load-database-config.js';
import { embeddedDataDir, openDatabase } from '../../database/open-database.js';
import { renderManifest } from './render-manifest.js';

interface RestoreFlags {
  clean?: boolean;
  forceProduction?: boolean;
}

/** Registers `dalkit db restore <folder>`: checks, restores and recounts a backup. */
export function registerDbRestoreCommand(db: Command, context: CliContext): Command {
  const command = db
    .command('restore')
    .argument('<folder>', 'a backup folder written by `dalkit db backup`')
    .description(
      'restore a backup: checks its checksum, refuses a non-empty target without --clean, recounts every table',
    )
    .option('--clean', 'replace the current contents of the target database')
    .option('--force-production', 'allow a restore when acting as the production environment')
    .action(async (folderArgument: string, flags: RestoreFlags) => {
      const folder = resolve(context.io.cwd, folderArgument);
      const config = await loadDatabaseConfig(context);
      const dataDir = embeddedDataDir(config, context.io.cwd);
      const outcome = await restoreBackup({
        folder,
        clean: flags.clean === true,
        environment: context.environment,
        forceProduction: flags.forceProduction === true,
        env: context.io.env,
        progress: context.output.progress('restore'),
        open: () => openDatabase(context),
        ...(dataDir ? { embeddedDataDir: dataDir } : {}),
      });
      context.output.result({ command: 'db restore', folder, ...outcome }, (c) => [
        `${c.green('✔')} restored ${c.bold(folder)}; every table's row count matches the manifest`,
        ...(outcome.replacedTables > 0
          ? [`  replaced    ${outcome.replacedTables} existing table(s) (--clean)`]
          : []),
        ...renderManifest(outcome.manifest, c),
      ]);
    });
  return addExamples(command, [
    ['dalkit db restore backups/shop-20260101120000', 'into an empty database'],
    ['dalkit db restore backups/nightly --clean', 'replace what the database holds'],
    ['dalkit db restore backups/nightly --clean --env production --force-production', 'in production'],
  ]);
}
