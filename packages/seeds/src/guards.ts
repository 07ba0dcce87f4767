import { OperationRefusedError } from '@dalkit/connection';
import type { SeedEnvironment } from './environment.js';

/** The environment variable that lifts the production guard, like `--force-production`. */
export const FORCE_PRODUCTION_VARIABLE = 'DALKIT_FORCE_PRODUCTION';

/** True when `DALKIT_FORCE_PRODUCTION` is `1`, `true` or `yes`. */
export function forceProductionFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['1', 'true', 'yes'].includes((env[FORCE_PRODUCTION_VARIABLE] ?? '').toLowerCase());
}

/** Refuses a destructive `operation` in production unless forced. */
export function assertNotProduction(operation: string, environment: SeedEnvironment, force: boolean): void {
  if (environment === 'production' && !force) {
    throw new OperationRefusedError(
      `Refusing to ${operation}: the environment is production. If you really mean it, pass forceProduction: true (CLI: --force-production) or set ${FORCE_PRODUCTION_VARIABLE}=1.`,
      {
        details: {
          operation,
          environment,
          reason: 'production',
          hint: `Pass --force-production (or set ${FORCE_PRODUCTION_VARIABLE}=1) to allow it.`,
        },
      },
    );
  }
}

/**
 * Refuses `operation` when the database was last seeded under another environment (say,
 * development data about to land in a database seeded as production), unless forced.
 */
export function assertSameEnvironment(
  operation: string,
  environment: SeedEnvironment,
  lastSeededUnder: string | undefined,
  force: boolean,
): void {
  if (lastSeededUnder === undefined || lastSeededUnder === environment || force) return;
  throw new OperationRefusedError(
    `Refusing to ${operation}: this database was last seeded under "${lastSeededUnder}", not "${environment}". Check that you are on the right database; to proceed anyway pass forceEnvironment: true (CLI: --force-environment), or run with --env ${lastSeededUnder}.`,
    {
      details: {
        operation,
        environment,
        lastSeededUnder,
        reason: 'environment_mismatch',
        hint: `Pass --force-environment to proceed, or --env ${lastSeededUnder} to act as the environment it was seeded under.`,
      },
    },
  );
}
