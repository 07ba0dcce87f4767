import { ValidationError } from '@dalkit/connection';

/** A migration name: a 14-digit UTC timestamp, an underscore, lowercase words joined by underscores. */
export const MIGRATION_NAME = /^(\d{14})_([a-z][a-z0-9]*(?:_[a-z0-9]+)*)$/;
/** The descriptive part given to `create`: lowercase words joined by underscores. */
export const MIGRATION_SLUG = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
/** File extensions a migration file may have. */
export const MIGRATION_EXTENSIONS = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'] as const;
/** One of {@link MIGRATION_EXTENSIONS}. */
export type MigrationExtension = (typeof MIGRATION_EXTENSIONS)[number];

/** True when `name` is a valid migration name (`20260101120000_create_users`). */
export function isMigrationName(name: string): boolean {
  return MIGRATION_NAME.test(name);
}

/** Throws a `ValidationError` naming `field` unless `slug` is lowercase words and underscores. */
export function assertMigrationSlug(slug: string, field = 'name'): void {
  if (MIGRATION_SLUG.test(slug) && slug.length <= 200) return;
  throw new ValidationError([
    {
      path: field,
      rule: 'pattern',
      message: `${field} must be lowercase words joined by underscores, like "create_users" (got ${JSON.stringify(slug)})`,
    },
  ]);
}

/** Throws a `ValidationError` unless `name` is `YYYYMMDDHHMMSS_descriptive_name`. */
export function assertMigrationName(name: string, field = 'name'): void {
  if (isMigrationName(name)) return;
  throw new ValidationError([
    {
      path: field,
      rule: 'pattern',
      message: `${field} must look like 20260101120000_create_users (14-digit UTC timestamp, underscore, lowercase words joined by underscores); got ${JSON.stringify(name)}`,
    },
  ]);
}

/** `YYYYMMDDHHMMSS` in UTC. */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * Splits a directory entry into a migration name and its kind, or returns undefined for
 * entries that are not migrations (helpers starting with `_` or `.`, `.d.ts`, other files).
 */
export function parseMigrationEntry(
  entry: string,
  isDirectory: boolean,
): { name: string; kind: MigrationExtension | 'sql' } | undefined {
  if (entry.startsWith('_') || entry.startsWith('.')) return undefined;
  if (isDirectory) return /^\d/.test(entry) ? { name: entry, kind: 'sql' } : undefined;
  if (/\.d\.[mc]?ts$/.test(entry)) return undefined;
  const match = /^(.*)\.([a-z]+)$/.exec(entry);
  if (!match || !(MIGRATION_EXTENSIONS as readonly string[]).includes(match[2] as string)) return undefined;
  return { name: match[1] as string, kind: match[2] as MigrationExtension };
}
