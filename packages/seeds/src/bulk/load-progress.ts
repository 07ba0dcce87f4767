import { silentProgress } from '../progress/log-progress.js';
import type { ProgressReporter, ProgressTask } from '../progress/types.js';

/** Loads smaller than this (when their size is known) are not worth a progress report. */
const PROGRESS_MIN_ROWS = 1_000;

/** Progress of one bulk load, fed by the writer's cumulative `rowsSent` reports. */
export interface LoadProgress {
  /** The writer's `onProgress`. */
  sent(rowsSent: number): void;
  /** The load ended (successfully or not). */
  done(): void;
}

/**
 * Reports a load once it is worth it: a load of known size from the start when it has at least
 * 1,000 rows, a stream of unknown size once it needs a second chunk. A task started late is
 * first advanced by the rows already sent.
 */
export function loadProgress(
  reporter: ProgressReporter | undefined,
  label: string,
  total: number | undefined,
): LoadProgress {
  let task: ProgressTask | undefined;
  let reported = 0;
  let reports = 0;
  const start = () => {
    task = (reporter ?? silentProgress).start({ label, total });
    task.advance(reported);
  };
  if (total !== undefined && total >= PROGRESS_MIN_ROWS) start();
  return {
    sent(rowsSent) {
      reports++;
      if (!task && total === undefined && reports > 1) start();
      task?.advance(rowsSent - reported);
      reported = rowsSent;
    },
    done() {
      task?.done();
    },
  };
}
