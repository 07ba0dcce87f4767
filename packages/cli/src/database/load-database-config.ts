import { resolve } from 'node:path';
import { type DatabaseConfig, loadConfig, type ResolvedDatabaseConfig } from '@dalkit/connection';
import type { CliContext } from '../context.js';

/**
 * The database configuration as @dalkit/connection resolves it (explicit `overrides` >
 * DATABASE_URL / DB_* > `--config` or the nearest dalkit.config.* > defaults), for the
 * environment the CLI acts as. The password is remembered as a secret to mask in all output.
 */
export async function loadDatabaseConfig(
  context: CliContext,
  overrides: DatabaseConfig = {},
): Promise<ResolvedDatabaseConfig> {
  const { config } = context.globals;
  const resolved = await loadConfig(overrides, {
    env: context.io.env,
    cwd: context.io.cwd,
    environment: context.environment,
    ...(config === undefined ? {} : { configFile: resolve(context.io.cwd, config) }),
  });
  // The embedded database's password is the public default `postgres`: masking it would mask every 'postgres'.
  if (!resolved.embedded) context.output.addSecret(resolved.password);
  return resolved;
}
