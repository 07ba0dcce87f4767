import type { Command } from 'commander';
import { addExamples } from '../_internal/add-examples.js';
import type { CliContext } from '../context.js';
import { registerDbBackupCommand } from './db/backup.js';
import { registerDbCheckCommand } from './db/check.js';
import { registerDbRestoreCommand } from './db/restore.js';
import { registerDbVerifyCommand } from './db/verify.js';

/** Registers `dalkit db`, the group of database operations (check, backup, restore, verify). */
export function registerDbCommand(program: Command, context: CliContext): Command {
  const db = program.command('db').description('check, back up and restore the database');
  addExamples(db, [
    ['dalkit db check', 'is the database reachable and migrated?'],
    ['dalkit db backup --out backups/nightly', 'write a backup with its manifest'],
    ['dalkit db restore backups/nightly --clean', 'restore it over the current data'],
  ]);
  registerDbCheckCommand(db, context);
  registerDbBackupCommand(db, context);
  registerDbRestoreCommand(db, context);
  registerDbVerifyCommand(db, context);
  return db;
}
