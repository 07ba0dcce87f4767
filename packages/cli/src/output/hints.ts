const HINTS: Readonly<Record<string, string>> = Object.freeze({
  USAGE: 'Run the command with --help to see its options and examples.',
  CONFIG_INVALID: 'Set DATABASE_URL, pass --config <file>, or run `dalkit init` to write dalkit.config.ts.',
  CONNECTION_FAILED:
    'Check that the database server is running and that DATABASE_URL (or your config) points at it.',
  DRIVER_MISSING: 'Install the driver package named above next to @dalkit/cli.',
  OPERATION_REFUSED: 'Read the message: a flag such as --force, --clean or --force-production allows it.',
  MIGRATION_FAILED:
    'Fix the migration named above; nothing of it was applied. Run with --verbose for the cause.',
  CHECKSUM_MISMATCH: 'An applied migration file was edited: restore it and add a new migration instead.',
  LOCK_TIMEOUT: 'Another process holds the lock; wait for it to finish, then retry.',
  TIMEOUT: 'The database is slow or busy; retry, or raise the timeout in your config.',
  TRANSIENT: 'A temporary failure; retrying usually succeeds.',
  INTERNAL: 'This looks like a bug in dalkit. Run again with --verbose and report the stack.',
});

/** The generic next step for an error code, when there is one. */
export function hintFor(code: string): string | undefined {
  return HINTS[code];
}
