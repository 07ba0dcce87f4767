import type { ProgressSnapshot } from './types.js';

/** Builds the numbers a reporter shows from rows done and time elapsed. */
export function progressSnapshot(
  label: string,
  rows: number,
  total: number | undefined,
  elapsedMs: number,
): ProgressSnapshot {
  const rowsPerSecond = elapsedMs > 0 ? (rows * 1000) / elapsedMs : 0;
  const etaMs =
    total !== undefined && rowsPerSecond > 0
      ? Math.max(0, ((total - rows) / rowsPerSecond) * 1000)
      : undefined;
  return { label, rows, total, elapsedMs, rowsPerSecond, etaMs };
}

/** `1,234,567`. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `12s`, `3m05s`, `1h02m`. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** One line: `users 45,000/100,000 45% 85,120 rows/s ETA 1s`. */
export function formatProgressLine(s: ProgressSnapshot): string {
  const count =
    s.total === undefined ? formatCount(s.rows) : `${formatCount(s.rows)}/${formatCount(s.total)}`;
  const percent = s.total ? ` ${Math.floor((s.rows / s.total) * 100)}%` : '';
  const eta = s.etaMs === undefined ? '' : ` ETA ${formatDuration(s.etaMs)}`;
  return `${s.label} ${count}${percent} ${formatCount(s.rowsPerSecond)} rows/s${eta}`;
}
