import { ConfigError } from '@dalkit/connection';

/** The environments a seed can be tagged with, as a const object and a type of the same name. */
export const SeedEnvironment = {
  DEVELOPMENT: 'development',
  TEST: 'test',
  PRODUCTION: 'production',
} as const;
/** An environment a seed can run in. */
export type SeedEnvironment = (typeof SeedEnvironment)[keyof typeof SeedEnvironment];

/** Tag for a seed that runs in every environment. */
export const ALL_ENVIRONMENTS = '*';

const ALIASES: Readonly<Record<string, SeedEnvironment>> = {
  development: 'development',
  dev: 'development',
  test: 'test',
  testing: 'test',
  production: 'production',
  prod: 'production',
};

/** True when `value` names one of the seed environments (`dev` and `prod` included). */
export function isSeedEnvironment(value: string): boolean {
  return Object.hasOwn(ALIASES, value.toLowerCase());
}

/**
 * The environment seeds run under: `explicit` if given, else `DALKIT_ENV`, else `NODE_ENV`,
 * else `development`. Accepts `dev`/`prod` as aliases; anything else is a {@link ConfigError}.
 */
export function resolveSeedEnvironment(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): SeedEnvironment {
  const candidates: Array<[string | undefined, string, string]> = [
    [explicit, 'environment', 'explicit options'],
    [env.DALKIT_ENV, 'DALKIT_ENV', 'environment'],
    [env.NODE_ENV, 'NODE_ENV', 'environment'],
  ];
  for (const [value, key, source] of candidates) {
    if (value === undefined || value === '') continue;
    const resolved = ALIASES[value.toLowerCase()];
    if (!resolved) {
      throw new ConfigError([
        { key, source, expected: 'one of development, test, production (or dev, prod)', received: value },
      ]);
    }
    return resolved;
  }
  return SeedEnvironment.DEVELOPMENT;
}
