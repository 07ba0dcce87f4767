import type { MigrateResult, MigrationStatus } from '@dalkit/migrations';
import type { Colors } from '../../output/colors.js';

/** Milliseconds for humans: `12 ms`, `1.4 s`. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Lines for `up` / `down`: what ran and how long each took, or the SQL of a dry run. */
export function renderMigrateResult(result: MigrateResult, c: Colors): string[] {
  const verb = result.direction === 'up' ? 'Applied' : 'Reverted';
  if (result.dryRun) {
    const lines = [
      c.bold(
        `Dry run: would ${result.direction === 'up' ? 'apply' : 'revert'} ${plural(result.migrations.length, 'migration')}; nothing was changed.`,
      ),
    ];
    for (const { name } of result.migrations) {
      lines.push('', c.cyan(`-- ${name}`));
      for (const s of result.statements.filter((st) => st.migration === name))
        lines.push(`${s.sql.replace(/;\s*$/, '')};`);
    }
    return lines;
  }
  if (result.migrations.length === 0) {
    return [
      result.direction === 'up' ? 'Nothing to apply: the database is up to date.' : 'Nothing to revert.',
    ];
  }
  const width = Math.max(...result.migrations.map((m) => m.name.length));
  return [
    ...result.migrations.map(
      (m) => `${c.green('✓')} ${m.name.padEnd(width)}  ${c.dim(formatMs(m.durationMs))}`,
    ),
    `${verb} ${plural(result.migrations.length, 'migration')} in ${formatMs(result.totalMs)}${result.lockWaitMs >= 1000 ? ` (waited ${formatMs(result.lockWaitMs)} for the lock)` : ''}.`,
  ];
}

const STATE_COLOR: Record<string, keyof Omit<Colors, 'enabled'>> = {
  applied: 'green',
  pending: 'yellow',
  missing: 'red',
  changed: 'red',
  started: 'red',
  failed: 'red',
};

/** Lines for `status`: every migration with its state, time applied and duration. */
export function renderStatus(status: MigrationStatus, c: Colors): string[] {
  if (status.entries.length === 0) return ['No migrations found and none applied.'];
  const width = Math.max(...status.entries.map((e) => e.name.length));
  const lines = status.entries.map((e) => {
    const state = c[STATE_COLOR[e.state] ?? 'dim'](e.state.padEnd(8));
    const when = e.appliedAt
      ? `  ${e.appliedAt.toISOString().replace('T', ' ').slice(0, 19)}  ${formatMs(e.executionMs ?? 0)}  by ${e.appliedBy}`
      : '';
    return `${state} ${e.name.padEnd(width)}${c.dim(when)}${e.outOfOrder ? c.yellow('  (out of order)') : ''}`;
  });
  const summary = [
    `${status.applied.length} applied`,
    `${status.pending.length} pending`,
    ...(status.changed.length ? [`${status.changed.length} changed`] : []),
    ...(status.missing.length ? [`${status.missing.length} missing`] : []),
    ...(status.incomplete.length ? [`${status.incomplete.length} incomplete`] : []),
  ];
  return [...lines, '', summary.join(', ')];
}
