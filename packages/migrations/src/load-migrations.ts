import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { importModule, ValidationError } from '@dalkit/connection';
import { sqlMigrationModule } from './_internal/sql-file-migration.js';
import { toMigrationModule } from './_internal/to-migration-module.js';
import { checksumOf } from './checksum.js';
import { assertMigrationName, parseMigrationEntry } from './file-name.js';
import type { InlineMigration, MigrationModule, MigrationSource } from './types.js';

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= fn();
    return result;
  };
}

async function sqlFolderSource(name: string, folder: string): Promise<MigrationSource> {
  const upFile = join(folder, 'up.sql');
  const downFile = join(folder, 'down.sql');
  if (!existsSync(upFile)) {
    throw new ValidationError([
      { path: folder, rule: 'required', message: `SQL migration ${folder} has no up.sql` },
    ]);
  }
  const upSql = await readFile(upFile, 'utf8');
  const downSql = existsSync(downFile) ? await readFile(downFile, 'utf8') : undefined;
  const module = sqlMigrationModule(upSql, downSql);
  return { name, path: folder, checksum: checksumOf(upSql, downSql ?? ''), load: async () => module };
}

async function fileSource(name: string, file: string): Promise<MigrationSource> {
  const text = await readFile(file, 'utf8');
  return {
    name,
    path: file,
    checksum: checksumOf(text),
    load: once(async () => toMigrationModule(await importModule(file), file)),
  };
}

/**
 * Reads every migration in `dir`: `YYYYMMDDHHMMSS_name.{ts,js,mjs,cjs,…}` files and
 * `YYYYMMDDHHMMSS_name/` folders holding `up.sql` (and `down.sql`), sorted by name. Entries
 * starting with `_` or `.` are helpers and skipped; anything else that is not a valid migration
 * name is an error, so a typo never silently drops a migration. A missing folder means none.
 */
export async function loadMigrationsFromDir(dir: string): Promise<MigrationSource[]> {
  const folder = resolve(dir);
  if (!existsSync(folder)) return [];
  const entries = await readdir(folder, { withFileTypes: true });
  const sources: MigrationSource[] = [];
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const parsed = parseMigrationEntry(entry.name, entry.isDirectory());
    if (!parsed) continue;
    assertMigrationName(parsed.name, join(folder, entry.name));
    const previous = seen.get(parsed.name);
    if (previous) {
      throw new ValidationError([
        {
          path: entry.name,
          rule: 'unique',
          message: `Two migrations are named ${parsed.name}: ${previous} and ${entry.name}`,
        },
      ]);
    }
    seen.set(parsed.name, entry.name);
    const path = join(folder, entry.name);
    sources.push(
      parsed.kind === 'sql' ? await sqlFolderSource(parsed.name, path) : await fileSource(parsed.name, path),
    );
  }
  return sources.sort((a, b) => a.name.localeCompare(b.name));
}

/** Wraps migrations given in code; their checksum defaults to a hash of their functions' source. */
export function fromInlineMigrations(list: readonly InlineMigration[]): MigrationSource[] {
  const seen = new Set<string>();
  return list
    .map((migration, i) => {
      assertMigrationName(migration.name, `migrations[${i}].name`);
      if (seen.has(migration.name)) {
        throw new ValidationError([
          {
            path: `migrations[${i}].name`,
            rule: 'unique',
            message: `Two migrations are named ${migration.name}`,
          },
        ]);
      }
      seen.add(migration.name);
      const module = toMigrationModule(migration as unknown as Record<string, unknown>, migration.name);
      const checksum = migration.checksum ?? checksumOf(String(migration.up), String(migration.down ?? ''));
      return { name: migration.name, checksum, load: async (): Promise<MigrationModule> => module };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
