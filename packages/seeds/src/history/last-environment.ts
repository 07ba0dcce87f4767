import type { SeedHistoryEntry } from './history-table.js';

/** The environment of the most recent history entry: what the database was last seeded under. */
export function lastSeededEnvironment(history: readonly SeedHistoryEntry[]): string | undefined {
  let latest: SeedHistoryEntry | undefined;
  for (const entry of history) if (!latest || entry.ranAt >= latest.ranAt) latest = entry;
  return latest?.environment;
}
