import type { Logger } from '@dalkit/connection';
import { formatProgressLine, progressSnapshot } from './snapshot.js';
import type { Clock, ProgressReporter, ProgressTask } from './types.js';

/** Options of {@link createLogProgress}. */
export interface LogProgressOptions {
  logger: Logger;
  /** Minimum time between two progress lines. @default 2000 */
  intervalMs?: number;
  /** @default Date.now */
  now?: Clock;
}

/**
 * Progress as plain structured log lines (for pipes, CI and `--json`): one every `intervalMs`
 * while a load runs, and one summary when it ends.
 */
export function createLogProgress(options: LogProgressOptions): ProgressReporter {
  const { logger } = options;
  const intervalMs = options.intervalMs ?? 2000;
  const now = options.now ?? Date.now;
  return {
    start({ label, total }): ProgressTask {
      const startedAt = now();
      let loggedAt = startedAt;
      let rows = 0;
      const log = (event: 'progress' | 'loaded') => {
        const snapshot = progressSnapshot(label, rows, total, now() - startedAt);
        logger.info(
          { event, ...snapshot, rowsPerSecond: Math.round(snapshot.rowsPerSecond) },
          formatProgressLine(snapshot),
        );
      };
      return {
        advance(n) {
          rows += n;
          if (now() - loggedAt >= intervalMs) {
            loggedAt = now();
            log('progress');
          }
        },
        done() {
          log('loaded');
        },
      };
    },
  };
}

/** A reporter that reports nothing. */
export const silentProgress: ProgressReporter = Object.freeze({
  start: (): ProgressTask => ({ advance() {}, done() {} }),
});
