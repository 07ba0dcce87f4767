import { existsSync } from 'node:fs';
import type { Database } from '@dalkit/connection';

/** The migrations of the project compared with the database's history. */
export interface MigrationState {
  /** The migrations folder that was read. */
  folder: string;
  /** False when the folder does not exist (nothing can be pending). */
  folderFound: boolean;
  /** How many are applied. */
  applied: number;
  /** The newest applied migration, or null. */
  head: string | null;
  /** Not applied yet, in the order `migrate up` would run them. */
  pending: string[];
  /** Applied, but the file changed since. */
  changed: string[];
  /** Applied, but the file is gone. */
  missing: string[];
}

/** Reads the migration state through @dalkit/migrations (history table `dalkit_migrations`). */
export async function readMigrationState(db: Database, folder: string): Promise<MigrationState> {
  const folderFound = existsSync(folder);
  // Loaded on demand: init and --help need neither Umzug nor the migration loader.
  const { createMigrator } = await import('@dalkit/migrations');
  const migrator = createMigrator({ db, migrations: folder });
  try {
    const status = await migrator.status();
    return {
      folder,
      folderFound,
      applied: status.applied.length,
      head: status.applied.at(-1) ?? null,
      pending: status.pending,
      changed: status.changed,
      missing: status.missing,
    };
  } finally {
    await migrator.close();
  }
}

/** The newest applied migration according to the history table alone (no files needed), or null. */
export async function readMigrationHead(db: Database): Promise<string | null> {
  const { HistoryStorage } = await import('@dalkit/migrations');
  const applied = await new HistoryStorage(db.sequelize, { appliedBy: 'dalkit-cli' }).executed();
  return applied.at(-1) ?? null;
}
