/**
 * The exit codes scripts can rely on: 0 when the command did what was asked, 1 when it failed
 * (or found a problem, such as pending migrations), 2 when it was called wrongly.
 */
export const ExitCode = {
  /** The command succeeded. */
  OK: 0,
  /** The command failed, or reported a problem (unreachable database, pending migrations). */
  FAILURE: 1,
  /** Unknown command or flag, missing argument, bad flag value. */
  USAGE: 2,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
