import type { Logger } from '@dalkit/connection';
import {
  createLogProgress,
  createTerminalProgress,
  type ProgressReporter,
  silentProgress,
} from '@dalkit/seeds';
import type { CliContext } from '../../context.js';

function lineLogger(write: (obj: Record<string, unknown>, message: string) => void): Logger {
  const log = ((obj: Record<string, unknown> | string, message?: string) =>
    typeof obj === 'string' ? write({}, obj) : write(obj, message ?? '')) as Logger['info'];
  return { debug: log, info: log, warn: log, error: log };
}

/**
 * Progress of bulk loads on stderr: a bar with rows/s and ETA on a terminal; plain lines when
 * stderr is a pipe; JSON lines under `--json` (stdout keeps its one result object); nothing
 * under `--quiet`.
 */
export function cliProgress(context: CliContext): ProgressReporter {
  const { globals, io, output } = context;
  if (globals.quiet) return silentProgress;
  if (globals.json) {
    const logger = lineLogger((obj, message) => io.stderr.write(`${JSON.stringify({ ...obj, message })}\n`));
    return createLogProgress({ logger });
  }
  if (io.stderr.isTTY) return createTerminalProgress({ stream: io.stderr });
  return createLogProgress({ logger: lineLogger((_obj, message) => output.note(message)) });
}
