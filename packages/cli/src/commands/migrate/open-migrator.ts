import { resolve } from 'node:path';
import type { Database } from '@dalkit/connection';
import { createMigrator, type MigrationLogger, type Migrator, type OutOfOrder } from '@dalkit/migrations';
import type { CliContext } from '../../context.js';
import { openDatabase } from '../../database/open-database.js';

/** Flags every `dalkit migrate` subcommand that talks to the database shares. */
export interface MigrateFlags {
  migrations: string;
  lockTimeout?: number;
  outOfOrder?: OutOfOrder;
  appRole?: string;
}

function lineOf(fields: Record<string, unknown>, message?: string): string {
  return message ?? JSON.stringify(fields);
}

/** Migration progress as notes on stderr (hidden by --json and --quiet), details under --verbose. */
function migrationLogger(context: CliContext): MigrationLogger {
  const { output } = context;
  return {
    debug: (fields, message) => output.debug(lineOf(fields, message)),
    info: (fields, message) => output.note(lineOf(fields, message)),
    warn: (fields, message) => output.warn(lineOf(fields, message)),
    error: (fields, message) => output.debug(lineOf(fields, message)),
  };
}

/**
 * Connects as the migration role (`DATABASE_MIGRATION_URL` when set, else the normal
 * configuration: `DATABASE_URL`, `DB_*`, dalkit.config.*) and runs `fn` with a migrator over
 * the `--migrations` folder. Closes everything afterwards.
 */
export async function withMigrator<T>(
  context: CliContext,
  flags: MigrateFlags,
  fn: (migrator: Migrator, db: Database) => Promise<T>,
): Promise<T> {
  const migrationUrl = context.io.env.DATABASE_MIGRATION_URL;
  const opened = await openDatabase(context, migrationUrl ? { url: migrationUrl } : {});
  try {
    const migrator = createMigrator({
      db: opened.db,
      migrations: resolve(context.io.cwd, flags.migrations),
      logger: migrationLogger(context),
      ...(flags.lockTimeout === undefined ? {} : { lockTimeoutMs: flags.lockTimeout }),
      ...(flags.outOfOrder === undefined ? {} : { outOfOrder: flags.outOfOrder }),
      ...((flags.appRole ?? context.io.env.DALKIT_APP_ROLE)
        ? { appRole: flags.appRole ?? context.io.env.DALKIT_APP_ROLE }
        : {}),
    });
    return await fn(migrator, opened.db);
  } finally {
    await opened.close();
  }
}
