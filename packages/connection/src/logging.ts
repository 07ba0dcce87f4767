import { pino } from 'pino';
import { redactSecrets } from './redact.js';

/** One logging method: a message, or a structured object and a message (pino's calling style). */
export interface LogFn {
  (msg: string): void;
  (obj: Record<string, unknown>, msg?: string): void;
}

/** The logger dalkit writes to. A pino logger satisfies it; so does a small adapter over anything else. */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  /** A logger that adds `bindings` to every line (pino's `child`). */
  child?(bindings: Record<string, unknown>): Logger;
}

const noop: LogFn = () => {};

/** A logger that drops everything. */
export const silentLogger: Logger = Object.freeze({
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLogger,
});

/**
 * The default logger: pino writing JSON lines to stdout at `level`, named `dalkit`.
 * `'silent'` returns {@link silentLogger}.
 */
export function createDefaultLogger(level: 'silent' | 'error' | 'warn' | 'info' | 'debug' = 'info'): Logger {
  if (level === 'silent') return silentLogger;
  return pino({ name: 'dalkit', level });
}

function scrub(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (value instanceof Error) return redactSecrets(`${value.name}: ${value.message}`, secrets);
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, secrets)]));
  }
  return value;
}

/**
 * Wraps a logger so that none of `secrets` (the password) ever reaches it, in the message or
 * in any string of the structured object. Errors are logged as `name: message`.
 */
export function redactingLogger(logger: Logger, secrets: readonly (string | undefined)[]): Logger {
  const present = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  if (present.length === 0) return logger;
  const wrap =
    (fn: LogFn): LogFn =>
    (objOrMsg: Record<string, unknown> | string, msg?: string) => {
      if (typeof objOrMsg === 'string') return fn(redactSecrets(objOrMsg, present));
      const obj = scrub(objOrMsg, present) as Record<string, unknown>;
      return msg === undefined ? fn(obj) : fn(obj, redactSecrets(msg, present));
    };
  return {
    debug: wrap(logger.debug.bind(logger)),
    info: wrap(logger.info.bind(logger)),
    warn: wrap(logger.warn.bind(logger)),
    error: wrap(logger.error.bind(logger)),
    child: (bindings) => redactingLogger(logger.child ? logger.child(bindings) : logger, present),
  };
}
