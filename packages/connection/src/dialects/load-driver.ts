import { createRequire } from 'node:module';
import { ErrorCode } from '../errors/codes.js';
import { ConnectionError } from '../errors/errors.js';

/** Loads a package by name; injectable so the "driver missing" path can be tested. */
export type RequireFn = (name: string) => unknown;

const requireFromHere: RequireFn = createRequire(import.meta.url);

/** The driver package each dialect needs. */
export const DRIVER_PACKAGE = Object.freeze({ postgres: 'pg', mariadb: 'mysql2', mysql: 'mysql2' } as const);

/**
 * Loads the driver for a dialect, or throws a `DRIVER_MISSING` {@link ConnectionError} that
 * says which package to install.
 */
export function loadDriver(
  dialect: keyof typeof DRIVER_PACKAGE,
  require: RequireFn = requireFromHere,
): unknown {
  const name = DRIVER_PACKAGE[dialect];
  try {
    return require(name);
  } catch (cause) {
    throw new ConnectionError(
      `The ${dialect} dialect needs the "${name}" package, which is not installed: run \`pnpm add ${name}\` (or \`npm install ${name}\`)`,
      { code: ErrorCode.DRIVER_MISSING, cause, details: { dialect, package: name } },
    );
  }
}
