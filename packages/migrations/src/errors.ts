import { DalkitError, ErrorCode, OperationRefusedError } from '@dalkit/connection';

/** A migration failed. Unless `partial` is true, nothing of it was applied. */
export class MigrationError extends DalkitError {
  /** The migration that failed. */
  readonly migration: string;
  readonly direction: 'up' | 'down';
  /** The SQL statement that failed, when known. */
  readonly statement: string | undefined;
  /**
   * True when some of its changes may have stayed: a non-transactional migration, or DDL that
   * MariaDB committed implicitly. The message says what to do.
   */
  readonly partial: boolean;
  constructor(
    info: {
      migration: string;
      direction: 'up' | 'down';
      statement?: string;
      partial?: boolean;
      advice?: string;
    },
    cause: unknown,
  ) {
    const partial = info.partial ?? false;
    const reason = cause instanceof Error ? cause.message : String(cause);
    const at = info.statement ? ` at statement: ${oneLine(info.statement)}` : '';
    const outcome = partial
      ? `Some of its changes may remain and it is NOT recorded as applied. ${info.advice ?? ''}`.trim()
      : 'Nothing of it was applied (its transaction was rolled back).';
    super(
      ErrorCode.MIGRATION_FAILED,
      `Migration ${info.migration} (${info.direction}) failed${at}: ${reason}. ${outcome}`,
      {
        cause,
        details: {
          migration: info.migration,
          direction: info.direction,
          statement: info.statement,
          partial,
          ...(partial && info.advice ? { hint: info.advice } : {}),
        },
      },
    );
    this.migration = info.migration;
    this.direction = info.direction;
    this.statement = info.statement;
    this.partial = partial;
  }
}

/** An applied migration's file changed since it ran. Run `repair` to accept the new checksum. */
export class ChecksumMismatchError extends DalkitError {
  readonly migration: string;
  readonly file: string | undefined;
  readonly storedChecksum: string;
  readonly currentChecksum: string;
  constructor(info: { migration: string; file?: string; storedChecksum: string; currentChecksum: string }) {
    super(
      ErrorCode.CHECKSUM_MISMATCH,
      `Applied migration ${info.migration} changed since it ran (${info.file ?? 'inline migration'}): stored checksum ${info.storedChecksum}, current ${info.currentChecksum}. Restore the file, or run \`dalkit migrate repair\` to accept the change.`,
      {
        details: {
          ...info,
          hint: 'Restore the applied file and put the change in a new migration, or accept it with `dalkit migrate repair`.',
        },
      },
    );
    this.migration = info.migration;
    this.file = info.file;
    this.storedChecksum = info.storedChecksum;
    this.currentChecksum = info.currentChecksum;
  }
}

/** Who holds the migration lock, as far as the database can tell. */
export interface LockHolder {
  /** Backend pid (postgres) or connection id (MariaDB). */
  pid?: number;
  /** `application_name` (postgres) of the holder's lock connection. */
  applicationName?: string;
  /** Client address or host of the holder. */
  client?: string;
  /** Database user of the holder. */
  user?: string;
}

/** The migration lock could not be taken within `lockTimeoutMs`. */
export class LockTimeoutError extends DalkitError {
  readonly waitedMs: number;
  readonly holder: LockHolder | undefined;
  constructor(waitedMs: number, holder: LockHolder | undefined) {
    const who = holder
      ? `held by ${[
          holder.pid !== undefined ? `pid ${holder.pid}` : undefined,
          holder.applicationName ? `application "${holder.applicationName}"` : undefined,
          holder.user ? `user ${holder.user}` : undefined,
          holder.client ? `from ${holder.client}` : undefined,
        ]
          .filter(Boolean)
          .join(', ')}`
      : 'holder unknown';
    super(
      ErrorCode.LOCK_TIMEOUT,
      `Could not take the migration lock within ${waitedMs} ms (${who}). Another runner is migrating; wait for it or raise lockTimeoutMs.`,
      { details: { waitedMs, holder } },
    );
    this.waitedMs = waitedMs;
    this.holder = holder;
  }
}

/** Why a migration command was refused before anything ran. */
export const RefusalReason = {
  OUT_OF_ORDER: 'out_of_order',
  MISSING: 'missing',
  INCOMPLETE: 'incomplete',
  IRREVERSIBLE: 'irreversible',
  UNKNOWN_TARGET: 'unknown_target',
  HISTORY_CHANGED: 'history_changed',
} as const;
/** One of {@link RefusalReason}. */
export type RefusalReason = (typeof RefusalReason)[keyof typeof RefusalReason];

const REFUSAL_HINTS: Readonly<Record<RefusalReason, string>> = Object.freeze({
  out_of_order:
    'Rename the file to a timestamp newer than the last applied migration, or pass --out-of-order warn|allow.',
  missing: 'Restore the migration file, or forget it with `dalkit migrate repair --remove-missing`.',
  incomplete:
    'Finish or undo the migration by hand, then run `dalkit migrate repair` and `dalkit migrate up`.',
  irreversible: 'Add a down function to the migration, or roll back fewer migrations (--step / --to).',
  unknown_target: 'Run `dalkit migrate status` to see the migration names.',
  history_changed: 'Run `dalkit migrate status` to see what changed, then retry.',
});

/** A migration command was refused before touching anything (code `OPERATION_REFUSED`). */
export class MigrationRefusedError extends OperationRefusedError {
  readonly reason: RefusalReason;
  readonly migrations: readonly string[];
  constructor(reason: RefusalReason, migrations: readonly string[], message: string) {
    super(message, { details: { reason, migrations, hint: REFUSAL_HINTS[reason] } });
    this.reason = reason;
    this.migrations = Object.freeze([...migrations]);
  }
}

function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
