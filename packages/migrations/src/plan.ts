import { ValidationError } from '@dalkit/connection';
import { ChecksumMismatchError, MigrationRefusedError, RefusalReason } from './errors.js';
import {
  type HistoryRow,
  HistoryState,
  type MigrationSource,
  MigrationState,
  type MigrationStatus,
  type MigrationStatusEntry,
} from './types.js';

/** Joins the migrations on disk with the history rows into one status report. */
export function describeStatus(
  sources: readonly MigrationSource[],
  rows: readonly HistoryRow[],
): MigrationStatus {
  const byName = new Map(sources.map((s) => [s.name, s]));
  const recorded = new Map(rows.map((r) => [r.name, r]));
  const newestApplied =
    rows
      .map((r) => r.name)
      .sort()
      .at(-1) ?? '';
  const entries: MigrationStatusEntry[] = [];
  for (const row of rows) {
    const source = byName.get(row.name);
    let state: MigrationState = MigrationState.APPLIED;
    if (row.state === HistoryState.STARTED) state = MigrationState.STARTED;
    else if (row.state === HistoryState.FAILED) state = MigrationState.FAILED;
    else if (!source) state = MigrationState.MISSING;
    else if (source.checksum !== row.checksum) state = MigrationState.CHANGED;
    entries.push({
      name: row.name,
      state,
      outOfOrder: false,
      ...(source?.path ? { path: source.path } : {}),
      appliedAt: row.appliedAt,
      executionMs: row.executionMs,
      appliedBy: row.appliedBy,
      ...(source ? { checksum: source.checksum } : {}),
      storedChecksum: row.checksum,
    });
  }
  for (const source of sources) {
    if (recorded.has(source.name)) continue;
    entries.push({
      name: source.name,
      state: MigrationState.PENDING,
      outOfOrder: source.name < newestApplied,
      ...(source.path ? { path: source.path } : {}),
      checksum: source.checksum,
    });
  }
  const names = (state: MigrationState) => entries.filter((e) => e.state === state).map((e) => e.name);
  return {
    entries,
    applied: entries
      .filter((e) => e.state === MigrationState.APPLIED || e.state === MigrationState.CHANGED)
      .map((e) => e.name),
    pending: names(MigrationState.PENDING),
    missing: names(MigrationState.MISSING),
    changed: names(MigrationState.CHANGED),
    incomplete: entries
      .filter((e) => e.state === MigrationState.STARTED || e.state === MigrationState.FAILED)
      .map((e) => e.name),
  };
}

/** Throws a {@link ChecksumMismatchError} for the first applied migration whose file changed. */
export function assertNoChecksumChanges(status: MigrationStatus): void {
  const changed = status.entries.find((e) => e.state === MigrationState.CHANGED);
  if (!changed) return;
  throw new ChecksumMismatchError({
    migration: changed.name,
    ...(changed.path ? { file: changed.path } : {}),
    storedChecksum: changed.storedChecksum ?? '',
    currentChecksum: changed.checksum ?? '',
  });
}

/** Refuses to go on while a non-transactional migration is left started or failed. */
export function assertNothingIncomplete(status: MigrationStatus): void {
  if (status.incomplete.length === 0) return;
  throw new MigrationRefusedError(
    RefusalReason.INCOMPLETE,
    status.incomplete,
    `Migration ${status.incomplete.join(', ')} did not finish (its process died, or it failed part-way outside a transaction) and may have left changes. Inspect the database and finish or undo its changes by hand, then run \`dalkit migrate repair\` to clear the record.`,
  );
}

/** Names of pending migrations older than the newest applied one. */
export function outOfOrderPending(status: MigrationStatus): string[] {
  return status.entries.filter((e) => e.outOfOrder).map((e) => e.name);
}

/** Refuses out-of-order pending migrations (the default `outOfOrder: 'error'`). */
export function assertInOrder(status: MigrationStatus): void {
  const late = outOfOrderPending(status);
  if (late.length === 0) return;
  throw new MigrationRefusedError(
    RefusalReason.OUT_OF_ORDER,
    late,
    `Pending migration ${late.join(', ')} is older than the newest applied one; it was probably merged from another branch. Rename it to a newer timestamp, or allow it with outOfOrder: 'warn' | 'allow' (--out-of-order).`,
  );
}

/** Refuses applied migrations whose file is gone. */
export function assertNothingMissing(status: MigrationStatus): void {
  if (status.missing.length === 0) return;
  throw new MigrationRefusedError(
    RefusalReason.MISSING,
    status.missing,
    `Applied migration ${status.missing.join(', ')} has no file any more. Restore it, or run \`dalkit migrate repair --remove-missing\` to forget it.`,
  );
}

/** The names `up` may run, in file order: every migration, or those up to and including `to`. */
export function upCandidates(sources: readonly MigrationSource[], to?: string): string[] {
  const names = sources.map((s) => s.name);
  if (to === undefined) return names;
  const index = names.indexOf(to);
  if (index < 0) {
    throw new MigrationRefusedError(
      RefusalReason.UNKNOWN_TARGET,
      [to],
      `Cannot migrate up to ${to}: there is no such migration`,
    );
  }
  return names.slice(0, index + 1);
}

/** Which applied migrations `down` reverts, in reverse applied order. */
export interface DownTarget {
  /** Revert this many. @default 1 (when `to` is not given) */
  step?: number;
  /** Revert down to and including this one; `0` reverts everything. */
  to?: string | 0;
}

/** The applied migrations `down` reverts, newest-applied first. */
export function downPlan(rows: readonly HistoryRow[], target: DownTarget): string[] {
  const applied = rows
    .filter((r) => r.state === HistoryState.APPLIED)
    .map((r) => r.name)
    .reverse();
  if (target.to === 0) return applied;
  if (target.to !== undefined) {
    const index = applied.indexOf(target.to);
    if (index < 0) {
      throw new MigrationRefusedError(
        RefusalReason.UNKNOWN_TARGET,
        [target.to],
        `Cannot migrate down to ${target.to}: it is not applied`,
      );
    }
    return applied.slice(0, index + 1);
  }
  const step = target.step ?? 1;
  if (!Number.isInteger(step) || step < 1) {
    throw new ValidationError([
      { path: 'step', rule: 'type', message: `step must be a positive integer (got ${step})` },
    ]);
  }
  return applied.slice(0, step);
}
