import { OperationRefusedError, QueryError } from '@dalkit/connection';
import type { OpenedDatabase } from '../database/open-database.js';
import type { Progress } from '../output/progress.js';
import { openBackupFolder } from './backup-folder.js';
import { engineFor, engineKindOf } from './engine-for.js';
import type { BackupManifest } from './manifest.js';
import { countRows, listTables } from './table-stats.js';

/** Options of {@link restoreBackup}. */
export interface RestoreBackupOptions {
  folder: string;
  /** Replace what the target holds; without it a non-empty target is refused. */
  clean: boolean;
  /** The environment the CLI acts as; `production` needs `forceProduction`. */
  environment: string;
  forceProduction: boolean;
  embeddedDataDir?: string;
  env: Readonly<Record<string, string | undefined>>;
  progress: Progress;
  /** Opens the target; called before (emptiness check) and after (verification) the restore. */
  open: () => Promise<OpenedDatabase>;
}

/** A table whose row count after the restore differs from the manifest. */
export interface CountMismatch {
  table: string;
  expected: number;
  actual: number | null;
}

/** What a restore did. */
export interface RestoreOutcome {
  manifest: BackupManifest;
  /** Tables the target held before (they were replaced under `--clean`). */
  replacedTables: number;
  /** Row counts after the restore, per table of the manifest. */
  tables: Record<string, number>;
}

async function withOpened<T>(
  open: () => Promise<OpenedDatabase>,
  fn: (opened: OpenedDatabase) => Promise<T>,
): Promise<T> {
  const opened = await open();
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}

/**
 * Restores a backup folder: checks its checksum and engine, refuses production without
 * `forceProduction` and a non-empty target without `clean`, restores, then recounts every
 * table of the manifest and fails when a count differs.
 */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreOutcome> {
  const { manifest, dumpPath } = await openBackupFolder(options.folder);
  if (options.environment === 'production' && !options.forceProduction) {
    throw new OperationRefusedError('Restoring in production replaces live data and is refused', {
      details: {
        environment: options.environment,
        hint: 'Pass --force-production if that is what you mean.',
      },
    });
  }
  const before = await withOpened(options.open, async (opened) => {
    const kind = engineKindOf(opened.config);
    if (kind !== manifest.engine) {
      throw new OperationRefusedError(
        `This backup is a ${manifest.engine} backup; the configured database is ${kind}`,
        {
          details: { hint: 'Restore it into a database of the same kind.' },
        },
      );
    }
    return { config: opened.config, tables: await listTables(opened.sql) };
  });
  if (before.tables.length > 0 && !options.clean) {
    throw new OperationRefusedError(
      `The target database is not empty (${before.tables.length} table(s)); nothing was restored`,
      {
        details: {
          tables: before.tables.length,
          hint: 'Pass --clean to replace its contents, or restore into an empty database.',
        },
      },
    );
  }
  const engine = engineFor(
    {
      config: before.config,
      existingTables: before.tables,
      ...(options.embeddedDataDir ? { embeddedDataDir: options.embeddedDataDir } : {}),
    },
    options.env,
  );
  const total = Object.keys(manifest.tables).length;
  let done = 0;
  await engine.restore(dumpPath, { clean: options.clean }, (table) => {
    done += 1;
    options.progress.update(Math.min(done, total), total, `restoring ${table}`);
  });
  const tables = await withOpened(options.open, async (opened) => {
    const present = new Map((await listTables(opened.sql)).map((table) => [table.key, table]));
    const wanted = Object.keys(manifest.tables).flatMap((key) => present.get(key) ?? []);
    return countRows(opened.sql, wanted);
  });
  const mismatches: CountMismatch[] = Object.entries(manifest.tables)
    .filter(([table, expected]) => tables[table] !== expected)
    .map(([table, expected]) => ({ table, expected, actual: tables[table] ?? null }));
  if (mismatches.length > 0) {
    throw new QueryError(
      `The restore finished but ${mismatches.length} table(s) differ from the manifest: ${mismatches
        .map((m) => `${m.table} (${m.actual ?? 'missing'} rows, expected ${m.expected})`)
        .join(', ')}`,
      {
        details: {
          mismatches,
          hint: 'Check the target with `dalkit db check` and restore again with --clean.',
        },
      },
    );
  }
  options.progress.finish(`${total} table(s) restored and recounted`);
  return { manifest, replacedTables: before.tables.length, tables };
}
