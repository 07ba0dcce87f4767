import { ValidationError } from '@dalkit/connection';

/** The part of a seed the dependency graph looks at. */
export interface SeedNode {
  readonly name: string;
  readonly dependsOn?: readonly string[];
}

function byName<T extends SeedNode>(seeds: readonly T[]): Map<string, T> {
  return new Map(seeds.map((s) => [s.name, s]));
}

function assertKnownDependencies(
  seeds: readonly SeedNode[],
  known: ReadonlyMap<string, SeedNode>,
  scope: string,
): void {
  for (const seed of seeds) {
    (seed.dependsOn ?? []).forEach((dep, i) => {
      if (!known.has(dep)) {
        throw new ValidationError([
          {
            path: `${seed.name}.dependsOn[${i}]`,
            rule: 'unknownSeed',
            message: `Seed "${seed.name}" depends on "${dep}", which is not a seed ${scope}`,
          },
        ]);
      }
    });
  }
}

/**
 * Orders seeds so that each comes after everything it `dependsOn`, keeping the given order
 * otherwise. An unknown dependency or a cycle is a ValidationError naming it
 * (`Seed dependency cycle: a -> b -> a`).
 * @param scope words for the unknown-dependency message. @default 'that can run here'
 */
export function orderSeeds<T extends SeedNode>(seeds: readonly T[], scope = 'that can run here'): T[] {
  const known = byName(seeds);
  assertKnownDependencies(seeds, known, scope);
  const state = new Map<string, 'visiting' | 'done'>();
  const ordered: T[] = [];
  const visit = (seed: T, path: string[]): void => {
    const mark = state.get(seed.name);
    if (mark === 'done') return;
    if (mark === 'visiting') {
      const cycle = [...path.slice(path.indexOf(seed.name)), seed.name];
      throw new ValidationError([
        {
          path: `${seed.name}.dependsOn`,
          rule: 'cycle',
          message: `Seed dependency cycle: ${cycle.join(' -> ')}`,
        },
      ]);
    }
    state.set(seed.name, 'visiting');
    for (const dep of seed.dependsOn ?? []) visit(known.get(dep) as T, [...path, seed.name]);
    state.set(seed.name, 'done');
    ordered.push(seed);
  };
  for (const seed of seeds) visit(seed, []);
  return ordered;
}

/** The named seeds plus, transitively, everything they depend on. Unknown names are a ValidationError. */
export function withDependencies(seeds: readonly SeedNode[], names: readonly string[]): Set<string> {
  const known = byName(seeds);
  names.forEach((name, i) => {
    if (!known.has(name)) {
      throw new ValidationError([
        {
          path: `only[${i}]`,
          rule: 'unknownSeed',
          message: `only[${i}]: there is no seed named "${name}" for this environment`,
        },
      ]);
    }
  });
  const selected = new Set<string>();
  const add = (name: string): void => {
    if (selected.has(name)) return;
    selected.add(name);
    for (const dep of known.get(name)?.dependsOn ?? []) add(dep);
  };
  for (const name of names) add(name);
  return selected;
}

/** The named seeds plus, transitively, every seed that depends on them. */
export function withDependents(seeds: readonly SeedNode[], names: readonly string[]): Set<string> {
  const selected = new Set(names);
  let grew = true;
  while (grew) {
    grew = false;
    for (const seed of seeds) {
      if (!selected.has(seed.name) && (seed.dependsOn ?? []).some((d) => selected.has(d))) {
        selected.add(seed.name);
        grew = true;
      }
    }
  }
  return selected;
}
