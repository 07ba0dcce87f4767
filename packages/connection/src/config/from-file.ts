import { access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../errors/errors.js';
import { defaultExport, importModule } from '../import-module.js';

/** Config file names looked for, in this order, in each folder from the working directory up. */
export const CONFIG_FILE_NAMES = Object.freeze([
  'dalkit.config.ts',
  'dalkit.config.mts',
  'dalkit.config.js',
  'dalkit.config.mjs',
  'dalkit.config.cjs',
  'dalkit.config.json',
]);

/** Environment blocks a config file may hold. */
export const ENVIRONMENTS = Object.freeze(['development', 'test', 'production'] as const);

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Finds the nearest `dalkit.config.*` from `cwd` up to the file system root; `undefined` if none. */
export async function findConfigFile(cwd: string = process.cwd()): Promise<string | undefined> {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (await exists(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A loaded config file: its path and the config chosen for the environment. */
export interface LoadedConfigFile {
  path: string;
  config: Record<string, unknown>;
}

/**
 * Loads a config file (TypeScript without a build step) and lays the block for `environment`
 * (`development`, `test` or `production`) over its base keys. The default export may also be
 * a function, called with the environment name, or a promise.
 */
export async function loadConfigFile(path: string, environment: string): Promise<LoadedConfigFile> {
  const absolute = resolve(path);
  if (!(await exists(absolute))) {
    throw new ConfigError([
      {
        key: 'configFile',
        source: 'options',
        expected: 'an existing file',
        received: JSON.stringify(absolute),
      },
    ]);
  }
  let content: unknown;
  try {
    content = defaultExport(await importModule(absolute));
    if (typeof content === 'function') content = await (content as (env: string) => unknown)(environment);
    content = await content;
  } catch (cause) {
    throw new ConfigError(
      [{ key: 'configFile', source: absolute, expected: `a file that loads (${(cause as Error).message})` }],
      { cause },
    );
  }
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw new ConfigError([
      { key: 'default export', source: absolute, expected: 'a config object (use defineConfig())' },
    ]);
  }
  const { development, test, production, ...base } = content as Record<string, unknown>;
  const blocks: Record<string, unknown> = { development, test, production };
  const block = blocks[environment];
  if (block !== undefined && (typeof block !== 'object' || block === null)) {
    throw new ConfigError([{ key: environment, source: absolute, expected: 'a config object' }]);
  }
  return { path: absolute, config: mergeBlock(base, (block ?? {}) as Record<string, unknown>) };
}

function mergeBlock(base: Record<string, unknown>, block: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(block)) {
    const current = out[key];
    const bothObjects =
      typeof current === 'object' && current !== null && typeof value === 'object' && value !== null;
    out[key] = bothObjects ? { ...(current as object), ...(value as object) } : value;
  }
  if ('url' in block) {
    // A URL in the block names the whole target; the base's separate host/port do not apply.
    for (const key of ['host', 'port', 'database', 'username', 'password', 'embedded']) {
      if (!(key in block)) delete out[key];
    }
  }
  return out;
}
