import { ValidationError } from '@dalkit/connection';
import type { SeedEnvironment } from './environment.js';
import type { LoadedSeed } from './load-seeds.js';
import { orderSeeds, withDependencies } from './seed-graph.js';
import { runsIn } from './seed-status.js';

/**
 * The seeds tagged for `environment`, in run order. A seed whose dependency exists but is
 * not tagged for this environment is a ValidationError naming both.
 */
export function seedsFor(seeds: readonly LoadedSeed[], environment: SeedEnvironment): LoadedSeed[] {
  const applicable = seeds.filter((s) => runsIn(s, environment));
  const excluded = new Set(seeds.filter((s) => !runsIn(s, environment)).map((s) => s.name));
  for (const seed of applicable) {
    (seed.dependsOn ?? []).forEach((dep, i) => {
      if (excluded.has(dep)) {
        throw new ValidationError([
          {
            path: `${seed.name}.dependsOn[${i}]`,
            rule: 'environment',
            message: `Seed "${seed.name}" runs in ${environment} but depends on "${dep}", which does not`,
          },
        ]);
      }
    });
  }
  return orderSeeds(applicable);
}

/** The names `only` selects among `seeds`: with their dependencies unless `noDeps`; all when `only` is undefined. */
export function selectSeeds(
  seeds: readonly LoadedSeed[],
  only: readonly string[] | undefined,
  noDeps = false,
): Set<string> {
  if (!only) return new Set(seeds.map((s) => s.name));
  const closure = withDependencies(seeds, only);
  return noDeps ? new Set(only) : closure;
}
