import type { SeedEnvironment } from './environment.js';
import type { SeedHistoryEntry } from './history/history-table.js';
import type { LoadedSeed } from './load-seeds.js';

/** Where a seed stands, as a const object and a type of the same name. */
export const SeedState = {
  /** Ran, and its file is unchanged since. */
  RAN: 'ran',
  /** Has not run; `run` will run it. */
  PENDING: 'pending',
  /** Ran, but its file changed since; `run` reruns it only when it has `runOnChange`. */
  CHANGED: 'changed',
  /** Not tagged for the current environment and never ran. */
  EXCLUDED: 'excluded',
  /** In the history, but no seed of that name exists any more. */
  MISSING: 'missing',
} as const;
/** Where a seed stands. */
export type SeedState = (typeof SeedState)[keyof typeof SeedState];

/** One line of `status`. */
export interface SeedStatus {
  name: string;
  state: SeedState;
  /** The seed file; undefined for seeds given in code or missing ones. */
  file: string | undefined;
  environments: readonly string[];
  runOnChange: boolean;
  /** From the history, when it ran. */
  ranAt?: Date;
  ranUnder?: string;
  rowsAffected?: number;
  executionMs?: number;
}

/** True when a seed is tagged for `environment` (or `*`). */
export function runsIn(seed: Pick<LoadedSeed, 'environments'>, environment: SeedEnvironment): boolean {
  return seed.environments.includes('*') || seed.environments.includes(environment);
}

function stateOf(
  seed: LoadedSeed,
  entry: SeedHistoryEntry | undefined,
  environment: SeedEnvironment,
): SeedState {
  if (entry) return entry.checksum === seed.checksum ? SeedState.RAN : SeedState.CHANGED;
  return runsIn(seed, environment) ? SeedState.PENDING : SeedState.EXCLUDED;
}

/** The status of every seed (in run order) and of history entries whose seed is gone. */
export function seedStatuses(
  seeds: readonly LoadedSeed[],
  history: readonly SeedHistoryEntry[],
  environment: SeedEnvironment,
): SeedStatus[] {
  const entries = new Map(history.map((e) => [e.name, e]));
  const fromEntry = (e: SeedHistoryEntry | undefined) =>
    e
      ? { ranAt: e.ranAt, ranUnder: e.environment, rowsAffected: e.rowsAffected, executionMs: e.executionMs }
      : {};
  const known = seeds.map((seed) => ({
    name: seed.name,
    state: stateOf(seed, entries.get(seed.name), environment),
    file: seed.file,
    environments: seed.environments,
    runOnChange: seed.runOnChange === true,
    ...fromEntry(entries.get(seed.name)),
  }));
  const names = new Set(seeds.map((s) => s.name));
  const missing = history
    .filter((e) => !names.has(e.name))
    .map((e) => ({
      name: e.name,
      state: SeedState.MISSING,
      file: undefined,
      environments: [],
      runOnChange: false,
      ...fromEntry(e),
    }));
  return [...known, ...missing];
}
