import type { LogFn, Logger } from '@dalkit/connection';
import type { Output } from '../output/output.js';

function lineOf(objOrMessage: Record<string, unknown> | string, message?: string): string {
  if (typeof objOrMessage === 'string') return objOrMessage;
  return message ?? JSON.stringify(objOrMessage);
}

/**
 * The logger the CLI gives @dalkit/connection: warnings (a connect retry) as notes on stderr,
 * everything else only under `--verbose`. Never on stdout, so `--json` stays one object.
 */
export function createCliLogger(output: Output): Logger {
  const debug: LogFn = (objOrMessage: Record<string, unknown> | string, message?: string) =>
    output.debug(lineOf(objOrMessage, message));
  const warn: LogFn = (objOrMessage: Record<string, unknown> | string, message?: string) =>
    output.note(lineOf(objOrMessage, message));
  const logger: Logger = { debug, info: debug, warn, error: debug, child: () => logger };
  return logger;
}
