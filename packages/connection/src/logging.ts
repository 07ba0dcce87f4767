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
