import type { Writable } from 'node:stream';

/** A running progress indicator for a long operation. */
export interface Progress {
  /** Reports that `done` of `total` units are finished; `detail` names the current one. */
  update(done: number, total?: number, detail?: string): void;
  /** Ends the indicator with a final line. */
  finish(summary?: string): void;
}

/** Options for {@link createProgress}. */
export interface ProgressOptions {
  stream: Writable & { isTTY?: boolean };
  label: string;
  /** Prints nothing at all (`--json`, `--quiet`). */
  silent: boolean;
  /** On a pipe, the least time between two lines. @default 2000 */
  intervalMs?: number;
  /** Milliseconds since some origin; injectable for tests. @default Date.now */
  now?: () => number;
}

const SILENT: Progress = Object.freeze({ update() {}, finish() {} });

function describe(label: string, done: number, total?: number, detail?: string): string {
  const amount = total === undefined ? `${done}` : `${done}/${total}`;
  return `${label}: ${amount}${detail ? ` ${detail}` : ''}`;
}

/**
 * Progress on stderr: one line rewritten in place on a TTY, or a line every `intervalMs` on a
 * pipe (so CI logs stay short). Silent under `--json` and `--quiet`.
 */
export function createProgress(options: ProgressOptions): Progress {
  if (options.silent) return SILENT;
  const { stream, label } = options;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 2000;
  const tty = stream.isTTY === true;
  let lastLineAt = Number.NEGATIVE_INFINITY;
  return {
    update(done, total, detail) {
      const text = describe(label, done, total, detail);
      if (tty) {
        stream.write(`\r\u001b[2K${text}`);
      } else if (now() - lastLineAt >= interval) {
        lastLineAt = now();
        stream.write(`${text}\n`);
      }
    },
    finish(summary) {
      if (tty) stream.write('\r\u001b[2K');
      if (summary) stream.write(`${label}: ${summary}\n`);
    },
  };
}
