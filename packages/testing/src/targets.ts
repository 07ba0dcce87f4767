/** Where a test database lives. */
export const TestTarget = {
  /** PGlite in this process: nothing to install, one connection. */
  EMBEDDED: 'embedded',
  /** The PostgreSQL server named by `DALKIT_TEST_PG_URL`. */
  POSTGRES: 'postgres',
  /** The MariaDB/MySQL server named by `DALKIT_TEST_MARIADB_URL`. */
  MARIADB: 'mariadb',
} as const;
/** Where a test database lives. */
export type TestTarget = (typeof TestTarget)[keyof typeof TestTarget];

/** The environment variable naming each server target's admin URL. */
export const TARGET_URL_VARIABLE = {
  postgres: 'DALKIT_TEST_PG_URL',
  mariadb: 'DALKIT_TEST_MARIADB_URL',
} as const;

/**
 * The targets this run can use: always `embedded`, plus `postgres` and `mariadb` when their
 * URL variables are set. `DALKIT_TEST_TARGETS=postgres,mariadb` narrows the list.
 */
export function availableTargets(env: NodeJS.ProcessEnv = process.env): TestTarget[] {
  const targets: TestTarget[] = ['embedded'];
  if (env[TARGET_URL_VARIABLE.postgres]) targets.push('postgres');
  if (env[TARGET_URL_VARIABLE.mariadb]) targets.push('mariadb');
  const only = env.DALKIT_TEST_TARGETS?.split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return only && only.length > 0 ? targets.filter((t) => only.includes(t)) : targets;
}

/** The server targets (postgres, mariadb) this run can use; see {@link availableTargets}. */
export function serverTargets(env: NodeJS.ProcessEnv = process.env): TestTarget[] {
  return availableTargets(env).filter((t) => t !== 'embedded');
}
