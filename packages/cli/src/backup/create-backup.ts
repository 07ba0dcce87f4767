import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { OperationRefusedError } from '@dalkit/connection';
import { readMigrationHead } from '../database/migration-state.js';
import type { OpenedDatabase } from '../database/open-database.js';
import { readServerInfo } from '../database/server-info.js';
import type { Progress } from '../output/progress.js';
import { digestFile, writeManifest } from './backup-folder.js';
import type { BackupEngine } from './engine.js';
import { engineFor, engineKindOf } from './engine-for.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupEngineKind, type BackupManifest } from './manifest.js';
import { countRows, listTables, type TableRef } from './table-stats.js';

/** Options of {@link createBackup}. */
export interface CreateBackupOptions {
  /** The backup folder to write. */
  folder: string;
  /** Replace the files of an existing backup folder. */
  force: boolean;
  environment: string;
  dalkitVersion: string;
  /** The embedded data folder, resolved (embedded targets only). */
  embeddedDataDir?: string;
  /** Environment for the client tools (PATH, PG*). */
  env: Readonly<Record<string, string | undefined>>;
  progress: Progress;
  now?: () => Date;
}

async function prepareFolder(folder: string, force: boolean): Promise<void> {
  const existing = await readdir(folder).catch(() => undefined);
  if (existing !== undefined && existing.length > 0) {
    if (!force) {
      throw new OperationRefusedError(`${folder} already exists and is not empty`, {
        details: { hint: 'Choose another --out, or pass --force to replace it.' },
      });
    }
    await rm(folder, { recursive: true, force: true });
  }
  await mkdir(folder, { recursive: true });
}

/**
 * Dumps the database into a backup folder with its manifest. On PostgreSQL the row counts and
 * pg_dump read one exported snapshot (a REPEATABLE READ transaction), so they agree even
 * while the application writes.
 */
export async function createBackup(
  opened: OpenedDatabase,
  options: CreateBackupOptions,
): Promise<BackupManifest> {
  await prepareFolder(options.folder, options.force);
  try {
    return await writeBackup(opened, options);
  } catch (error) {
    // A failed backup leaves no half-written folder that could be mistaken for a good one.
    await rm(options.folder, { recursive: true, force: true });
    throw error;
  }
}

async function writeBackup(opened: OpenedDatabase, options: CreateBackupOptions): Promise<BackupManifest> {
  const { sql, db, embedded } = opened;
  const info = await readServerInfo(sql);
  const tables = await listTables(sql);
  const kind = engineKindOf(opened.config);
  let snapshot: string | undefined;
  const engine = engineFor(
    {
      config: opened.config,
      ...(options.embeddedDataDir ? { embeddedDataDir: options.embeddedDataDir } : {}),
      ...(embedded ? { dumpDataDir: () => embedded.dumpDataDir() } : {}),
    },
    options.env,
    () => snapshot,
  );
  const dumpPath = join(options.folder, engine.dumpFile);
  const run = async () => {
    if (kind === BackupEngineKind.POSTGRES) {
      const [row] = await sql.select<{ id: string }>('SELECT pg_export_snapshot() AS id');
      snapshot = row?.id;
    }
    const counts = await countRows(sql, tables, (done, total, table) =>
      options.progress.update(done, total, `counting ${table}`),
    );
    const tool = await dumpWithProgress(engine, dumpPath, tables, options.progress);
    return { counts, tool };
  };
  const { counts, tool } =
    kind === BackupEngineKind.POSTGRES
      ? await db.transaction(run, { isolationLevel: 'REPEATABLE READ', readOnly: true, retry: false })
      : await run();
  const digest = await digestFile(dumpPath);
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    dalkitVersion: options.dalkitVersion,
    engine: kind,
    dialect: db.dialect,
    serverVersion: info.serverVersion,
    database: info.database,
    environment: options.environment,
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
    migrationHead: await readMigrationHead(db),
    tables: counts,
    dump: { file: engine.dumpFile, tool, ...digest },
  };
  await writeManifest(options.folder, manifest);
  options.progress.finish(`${tables.length} table(s), ${digest.bytes} bytes`);
  return manifest;
}

async function dumpWithProgress(
  engine: BackupEngine,
  path: string,
  tables: readonly TableRef[],
  progress: Progress,
): Promise<string> {
  let done = 0;
  return engine.dump(path, (table) => {
    done += 1;
    progress.update(Math.min(done, tables.length), tables.length, `dumping ${table}`);
  });
}
