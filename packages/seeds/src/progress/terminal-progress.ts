import { formatCount, formatDuration, formatProgressLine, progressSnapshot } from './snapshot.js';
import type { Clock, ProgressReporter, ProgressTask } from './types.js';

/** Where the terminal bar is drawn: `process.stderr` satisfies it. */
export interface ProgressStream {
  write(chunk: string): unknown;
  columns?: number;
}

/** Options of {@link createTerminalProgress}. */
export interface TerminalProgressOptions {
  /** @default process.stderr */
  stream?: ProgressStream;
  /** Minimum time between redraws. @default 100 */
  redrawMs?: number;
  /** @default Date.now */
  now?: Clock;
}

const BAR_WIDTH = 24;

function bar(rows: number, total: number | undefined): string {
  if (!total) return '';
  const filled = Math.min(BAR_WIDTH, Math.floor((rows / total) * BAR_WIDTH));
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] `;
}

/**
 * A progress bar redrawn in place (`\r`) with rows/s and ETA, for an interactive terminal.
 * Ends each load with a summary line.
 */
export function createTerminalProgress(options: TerminalProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const redrawMs = options.redrawMs ?? 100;
  const now = options.now ?? Date.now;
  return {
    start({ label, total }): ProgressTask {
      const startedAt = now();
      let rows = 0;
      let drawnAt = Number.NEGATIVE_INFINITY;
      const draw = () => {
        const snapshot = progressSnapshot(label, rows, total, now() - startedAt);
        const line = `${bar(rows, total)}${formatProgressLine(snapshot)}`;
        stream.write(`\r${line.slice(0, (stream.columns ?? 120) - 1)}\x1b[K`);
      };
      return {
        advance(n) {
          rows += n;
          if (now() - drawnAt >= redrawMs) {
            drawnAt = now();
            draw();
          }
        },
        done() {
          const elapsed = now() - startedAt;
          const rate = progressSnapshot(label, rows, total, elapsed).rowsPerSecond;
          stream.write(
            `\r${label}: ${formatCount(rows)} rows in ${formatDuration(elapsed)} (${formatCount(rate)} rows/s)\x1b[K\n`,
          );
        },
      };
    },
  };
}
