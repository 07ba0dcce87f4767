import type { EnvironmentVariables } from './from-env.js';
import { findConfigFile, loadConfigFile } from './from-file.js';
import { resolveConfig } from './resolve-config.js';
import type { DatabaseConfig, ResolvedDatabaseConfig } from './schema.js';

/** Options for {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Environment variables to read, or `false` to ignore them. @default process.env */
  env?: EnvironmentVariables | false;
  /** A config file to load, or `false` for none. @default the nearest dalkit.config.* from `cwd` up */
  configFile?: string | false;
  /** Where to start looking for a config file. @default process.cwd() */
  cwd?: string;
  /** Which block of the config file applies. @default env.NODE_ENV, else 'development' */
  environment?: string;
}

/**
 * Resolves the configuration from every source: explicit options > environment variables >
 * config file (`dalkit.config.ts|mts|js|mjs|cjs|json`, TypeScript loaded without a build step)
 * > defaults. Pass the result to `createDatabase()`.
 * @example const db = createDatabase(await loadConfig());
 */
export async function loadConfig(
  explicit: DatabaseConfig = {},
  options: LoadConfigOptions = {},
): Promise<ResolvedDatabaseConfig> {
  const env = options.env === undefined ? process.env : options.env;
  const environment = options.environment ?? (env === false ? undefined : env.NODE_ENV) ?? 'development';
  const path =
    options.configFile === false ? undefined : (options.configFile ?? (await findConfigFile(options.cwd)));
  const file = path === undefined ? undefined : await loadConfigFile(path, environment);
  return resolveConfig(explicit, { env, ...(file ? { file } : {}) });
}
