import type { Logger } from '../../src/logging.js';

/** One recorded log line. */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string;
}

/** A logger that keeps every line, and the lines as JSON text for "never contains" checks. */
export function recordingLogger(): Logger & { lines: LogLine[]; text(): string } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (obj: Record<string, unknown> | string, msg?: string) => {
    lines.push(typeof obj === 'string' ? { level, obj: {}, msg: obj } : { level, obj, msg: msg ?? '' });
  };
  const logger = {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
    text: () => lines.map((l) => JSON.stringify(l)).join('\n'),
  };
  return logger as Logger & { lines: LogLine[]; text(): string };
}
