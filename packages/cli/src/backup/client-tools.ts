import { execFile } from 'node:child_process';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { ConnectionError } from '@dalkit/connection';
import { findExecutable } from '../_internal/find-executable.js';

const run = promisify(execFile);

const INSTALL_HINTS: Readonly<Record<string, string>> = {
  postgres:
    'Install the PostgreSQL client tools, at least as new as the server (Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq), or put them on PATH.',
  mariadb:
    'Install the MariaDB client tools (Debian/Ubuntu: apt-get install mariadb-client; macOS: brew install mariadb), or put them on PATH.',
};

/**
 * The path of the first of `names` on PATH; a missing tool is a DRIVER_MISSING error that
 * names it and says how to install it.
 */
export async function requireTool(
  names: readonly string[],
  family: 'postgres' | 'mariadb',
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  const found = await findExecutable(names, env.PATH);
  if (found) return found;
  throw new ConnectionError(
    `${names.join(' or ')} was not found on PATH: it is needed to back up and restore ${family} databases`,
    {
      code: 'DRIVER_MISSING',
      details: { tool: names[0], hint: INSTALL_HINTS[family] },
    },
  );
}

/** `pg_dump 15.20`: the tool's name and version, for the manifest. */
export async function toolLabel(
  executable: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  const { stdout } = await run(executable, ['--version'], { env: env as NodeJS.ProcessEnv });
  const version = /(\d+\.\d+(?:\.\d+)?)/.exec(stdout)?.[1];
  return version ? `${basename(executable)} ${version}` : basename(executable);
}
