import type { Prompter } from '../../_internal/prompter.js';
import { usageError } from '../../_internal/usage-error.js';

/** The databases `dalkit init` sets up. `embedded` is PGlite: PostgreSQL with nothing to install. */
export const INIT_DIALECTS = ['postgres', 'mariadb', 'embedded'] as const;
/** One of {@link INIT_DIALECTS}. */
export type InitDialect = (typeof INIT_DIALECTS)[number];

const URL_SCHEMES: Readonly<Record<InitDialect, readonly string[]>> = {
  postgres: ['postgres:', 'postgresql:'],
  mariadb: ['mariadb:', 'mysql:'],
  embedded: ['pglite:'],
};

/** The chosen database. */
export interface DatabaseChoice {
  readonly dialect: InitDialect;
  readonly url: string;
}

/** A database name derived from the package name: `@acme/shop-api` → `shop_api`. */
export function databaseNameFor(packageName: string): string {
  const base = packageName
    .replace(/^@[^/]+\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
  return base.replace(/^_+|_+$/g, '') || 'app';
}

/** The URL suggested for a dialect when none is given. */
export function defaultUrl(dialect: InitDialect, packageName: string): string {
  const database = databaseNameFor(packageName);
  switch (dialect) {
    case 'postgres':
      return `postgres://postgres@localhost:5432/${database}`;
    case 'mariadb':
      return `mariadb://root@localhost:3306/${database}`;
    case 'embedded':
      return 'pglite://./.dalkit';
  }
}

/** Checks a dialect name from a flag or an answer. */
export function parseDialect(value: string, flag: string): InitDialect {
  const dialect = value.trim().toLowerCase();
  if ((INIT_DIALECTS as readonly string[]).includes(dialect)) return dialect as InitDialect;
  throw usageError(flag, `${flag} must be one of ${INIT_DIALECTS.join(', ')} (got "${value}")`);
}

/** Checks that a URL parses and fits the dialect (`postgres://` for postgres, …). */
export function checkUrl(dialect: InitDialect, url: string, flag: string): string {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw usageError(flag, `${flag} is not a valid URL`);
  }
  const allowed = URL_SCHEMES[dialect];
  if (!allowed.includes(protocol)) {
    throw usageError(
      flag,
      `${flag} must start with ${allowed.map((s) => `${s}//`).join(' or ')} for ${dialect}`,
    );
  }
  return url;
}

/**
 * The dialect and URL from the flags, asking for whatever is missing when a prompter is
 * given (interactive), else taking the defaults (`--yes`).
 */
export async function chooseDatabase(
  flags: { dialect?: string; url?: string },
  prompter: Prompter | undefined,
  packageName: string,
): Promise<DatabaseChoice> {
  const dialect =
    flags.dialect !== undefined
      ? parseDialect(flags.dialect, '--dialect')
      : prompter
        ? parseDialect(await prompter.ask(`Database (${INIT_DIALECTS.join(', ')})`, 'embedded'), 'dialect')
        : 'embedded';
  const fallback = defaultUrl(dialect, packageName);
  if (flags.url !== undefined) return { dialect, url: checkUrl(dialect, flags.url, '--url') };
  const url = prompter ? await prompter.ask('Connection URL', fallback) : fallback;
  return { dialect, url: checkUrl(dialect, url, 'url') };
}
