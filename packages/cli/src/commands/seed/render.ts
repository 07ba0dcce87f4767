import type { ResetSeedsResult, RunSeedsResult, SeedStatus } from '@dalkit/seeds';
import type { Colors } from '../../output/colors.js';

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Lines for `seed run`: each seed that ran with its rows and time, then the summary. */
export function renderRun(result: RunSeedsResult, c: Colors): string[] {
  if (result.executed.length === 0) return [result.message];
  const width = Math.max(...result.executed.map((e) => e.name.length));
  return [
    ...result.executed.map(
      (e) =>
        `${c.green('✓')} ${e.name.padEnd(width)}  ${`${e.rowsAffected} rows`.padStart(12)}  ${c.dim(formatMs(e.executionMs))}${e.reason === 'changed' ? c.yellow('  (changed)') : ''}`,
    ),
    result.message,
  ];
}

/** Lines for `seed reset`: the tables emptied, then the reseed. */
export function renderReset(result: ResetSeedsResult, c: Colors): string[] {
  const emptied =
    result.emptied.length > 0 ? `Emptied ${result.emptied.join(', ')}.` : 'No seeded tables to empty.';
  return [emptied, ...renderRun(result.run, c)];
}

const STATE_COLOR: Record<string, keyof Omit<Colors, 'enabled'>> = {
  ran: 'green',
  pending: 'yellow',
  changed: 'yellow',
  excluded: 'dim',
  missing: 'red',
};

/** Lines for `seed status`: every seed with its state and, when it ran, when, where and how much. */
export function renderStatus(environment: string, seeds: readonly SeedStatus[], c: Colors): string[] {
  if (seeds.length === 0) return [`No seeds found and none ran (${environment}).`];
  const width = Math.max(...seeds.map((s) => s.name.length));
  const lines = seeds.map((s) => {
    const state = c[STATE_COLOR[s.state] ?? 'dim'](s.state.padEnd(8));
    const ran = s.ranAt
      ? `  ${s.ranAt.toISOString().replace('T', ' ').slice(0, 19)}  ${s.ranUnder}  ${s.rowsAffected} rows  ${formatMs(s.executionMs ?? 0)}`
      : '';
    const tags = s.state === 'excluded' ? `  (${s.environments.join(', ')} only)` : '';
    return `${s.name.padEnd(width)}  ${state}${ran}${tags}`;
  });
  const pending = seeds.filter((s) => s.state === 'pending').length;
  const changed = seeds.filter((s) => s.state === 'changed' && s.runOnChange).length;
  const todo = pending + changed;
  return [
    ...lines,
    todo === 0 ? `Up to date (${environment}).` : `${todo} to run (${environment}): dalkit seed run`,
  ];
}
