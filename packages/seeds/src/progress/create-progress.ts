import type { Logger } from '@dalkit/connection';
import { createLogProgress } from './log-progress.js';
import { createTerminalProgress, type ProgressStream } from './terminal-progress.js';
import type { ProgressReporter } from './types.js';

/** Options of {@link createProgress}. */
export interface CreateProgressOptions {
  /** Where log lines go when no bar is drawn. */
  logger: Logger;
  /** The terminal stream. @default process.stderr */
  stream?: ProgressStream & { isTTY?: boolean };
  /** Machine-readable output requested: never draw a bar. @default false */
  json?: boolean;
}

/** A bar with rows/s and ETA on an interactive terminal; plain log lines when piped or in JSON mode. */
export function createProgress(options: CreateProgressOptions): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  return stream.isTTY && !options.json
    ? createTerminalProgress({ stream })
    : createLogProgress({ logger: options.logger });
}
