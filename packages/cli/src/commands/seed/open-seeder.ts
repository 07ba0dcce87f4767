import { resolve } from 'node:path';
import { createSeeder, type Seeder } from '@dalkit/seeds';
import { usageError } from '../../_internal/usage-error.js';
import type { CliContext } from '../../context.js';
import { createCliLogger } from '../../database/cli-logger.js';
import { openDatabase } from '../../database/open-database.js';
import { cliProgress } from './cli-progress.js';

/** Flags every `dalkit seed` subcommand shares. */
export interface SeedFlags {
  seeds: string;
  scale?: number;
  param?: string[];
}

/** A commander parser for `--only a,b`: the trimmed, non-empty names. */
export function parseSeedList(value: string): string[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0)
    throw usageError('--only', '--only needs at least one seed name, e.g. --only users,countries');
  return names;
}

/** A commander parser for `--scale <n>`: a positive number. */
export function parseScale(value: string): number {
  const scale = Number(value);
  if (value.trim() === '' || !Number.isFinite(scale) || scale <= 0) {
    throw usageError('--scale', `--scale must be a positive number (got "${value}")`);
  }
  return scale;
}

/** A commander parser for a repeatable `--param key=value`. */
export function collectParam(value: string, previous: string[] = []): string[] {
  if (!/^[A-Za-z_][\w.-]*=/.test(value))
    throw usageError('--param', `--param must look like key=value (got "${value}")`);
  return [...previous, value];
}

function paramsOf(flags: SeedFlags): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of flags.param ?? []) {
    const at = pair.indexOf('=');
    params[pair.slice(0, at)] = pair.slice(at + 1);
  }
  if (flags.scale !== undefined) params.scale = flags.scale;
  return params;
}

/**
 * Connects (the normal configuration: `DATABASE_URL`, `DB_*`, dalkit.config.*) and runs `fn`
 * with a seeder over the `--seeds` folder for the `--env` environment. Closes everything afterwards.
 */
export async function withSeeder<T>(
  context: CliContext,
  flags: SeedFlags,
  fn: (seeder: Seeder) => Promise<T>,
): Promise<T> {
  const opened = await openDatabase(context);
  try {
    const seeder = createSeeder({
      db: opened.db,
      seeds: resolve(context.io.cwd, flags.seeds),
      environment: context.environment,
      params: paramsOf(flags),
      logger: createCliLogger(context.output),
      progress: cliProgress(context),
      env: context.io.env,
    });
    return await fn(seeder);
  } finally {
    await opened.close();
  }
}
