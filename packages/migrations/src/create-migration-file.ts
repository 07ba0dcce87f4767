import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ValidationError } from '@dalkit/connection';
import {
  assertMigrationSlug,
  formatTimestamp,
  MIGRATION_EXTENSIONS,
  type MigrationExtension,
} from './file-name.js';
import { migrationTemplate, SQL_DOWN_TEMPLATE, SQL_UP_TEMPLATE } from './template.js';

/** Options for {@link createMigrationFile}. */
export interface CreateMigrationOptions {
  /** Write a folder with `up.sql` and `down.sql` instead of a code file. @default false */
  sql?: boolean;
  /** Extension of the code file. @default 'ts' */
  extension?: MigrationExtension;
  /** The clock, for the timestamp. @default () => new Date() */
  now?: () => Date;
}

/** What {@link createMigrationFile} wrote. */
export interface CreatedMigration {
  name: string;
  /** Files written (one code file, or `up.sql` and `down.sql`). */
  paths: string[];
}

async function newestTimestamp(folder: string): Promise<string> {
  if (!existsSync(folder)) return '';
  const names = await readdir(folder);
  return (
    names
      .map((n) => /^(\d{14})_/.exec(n)?.[1] ?? '')
      .sort()
      .at(-1) ?? ''
  );
}

function nextSecond(timestamp: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timestamp);
  if (!m) return timestamp;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return formatTimestamp(new Date(Date.UTC(y, mo - 1, d, h, mi, s + 1)));
}

/**
 * Writes a new migration from the template: `<dir>/<UTC timestamp>_<slug>.<ext>`, or a
 * `<timestamp>_<slug>/` folder with `up.sql` and `down.sql`. The slug must be lowercase words
 * and underscores. The timestamp is always newer than every existing migration in `dir`.
 */
export async function createMigrationFile(
  dir: string,
  slug: string,
  options: CreateMigrationOptions = {},
): Promise<CreatedMigration> {
  assertMigrationSlug(slug);
  const extension = options.extension ?? 'ts';
  if (!(MIGRATION_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new ValidationError([
      {
        path: 'extension',
        rule: 'enum',
        message: `extension must be one of ${MIGRATION_EXTENSIONS.join(', ')}`,
      },
    ]);
  }
  const folder = resolve(dir);
  const newest = await newestTimestamp(folder);
  let timestamp = formatTimestamp((options.now ?? (() => new Date()))());
  if (timestamp <= newest) timestamp = nextSecond(newest);
  const name = `${timestamp}_${slug}`;
  await mkdir(folder, { recursive: true });
  if (options.sql) {
    const target = join(folder, name);
    await mkdir(target);
    const paths = [join(target, 'up.sql'), join(target, 'down.sql')];
    await writeFile(paths[0] as string, SQL_UP_TEMPLATE, { flag: 'wx' });
    await writeFile(paths[1] as string, SQL_DOWN_TEMPLATE, { flag: 'wx' });
    return { name, paths };
  }
  const path = join(folder, `${name}.${extension}`);
  await writeFile(path, migrationTemplate(extension, slug), { flag: 'wx' });
  return { name, paths: [path] };
}
