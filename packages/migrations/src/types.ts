import type { QueryInterface, Sequelize, Transaction } from 'sequelize';

/** The logging methods a migration, and the migrator, write to (a pino logger fits). */
export interface MigrationLogger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

/** What a migration's `up` and `down` receive as `context`. */
export interface MigrationContext {
  /**
   * Sequelize's query interface, bound to the migration's transaction: calls that omit
   * `{ transaction }` still join it.
   */
  queryInterface: QueryInterface;
  /** The Sequelize instance, with `query()` bound to the migration's transaction the same way. */
  sequelize: Sequelize;
  /** The migration's transaction; `undefined` for a migration that opted out (`transaction = false`). */
  transaction: Transaction | undefined;
  /** Writes a line to the migrator's logger, tagged with the migration name. */
  log: (message: string, fields?: Record<string, unknown>) => void;
}

/** The single argument of `up` and `down` (Umzug's calling convention). */
export interface MigrationParams {
  /** The migration's name, e.g. `20260101120000_create_users`. */
  name: string;
  context: MigrationContext;
}

/** One direction of a migration. */
export type MigrationFn = (params: MigrationParams) => Promise<unknown> | unknown;

/** What a migration file exports. */
export interface MigrationModule {
  up: MigrationFn;
  down?: MigrationFn;
  /** `false` runs the migration outside a transaction (e.g. `CREATE INDEX CONCURRENTLY`). @default true */
  transaction?: boolean;
}

/** A migration given in code instead of a file (bundled apps). */
export interface InlineMigration extends MigrationModule {
  /** `YYYYMMDDHHMMSS_descriptive_name`. */
  name: string;
  /** A stable fingerprint of the migration; @default sha256 of `up` and `down` source text */
  checksum?: string;
}

/** A migration as the migrator knows it: name, checksum, and a loader for its functions. */
export interface MigrationSource {
  readonly name: string;
  readonly checksum: string;
  /** The file or folder it came from; absent for inline migrations. */
  readonly path?: string;
  /** Loads the module (imports the file on first use). */
  load(): Promise<MigrationModule>;
}

/** Whether a pending migration older than the newest applied one is refused, warned about, or run. */
export const OutOfOrder = { ERROR: 'error', WARN: 'warn', ALLOW: 'allow' } as const;
/** One of {@link OutOfOrder}. */
export type OutOfOrder = (typeof OutOfOrder)[keyof typeof OutOfOrder];

/** The state of a history row. */
export const HistoryState = {
  /** Applied and committed. */
  APPLIED: 'applied',
  /** A non-transactional migration started and has not finished (or its process died). */
  STARTED: 'started',
  /** A non-transactional migration failed part-way. */
  FAILED: 'failed',
} as const;
/** One of {@link HistoryState}. */
export type HistoryState = (typeof HistoryState)[keyof typeof HistoryState];

/** One row of the `dalkit_migrations` table. */
export interface HistoryRow {
  name: string;
  checksum: string;
  state: HistoryState;
  appliedAt: Date;
  executionMs: number;
  appliedBy: string;
  /**
   * MariaDB/MySQL, while a migration runs: a hash of the schema before it started. A `started`
   * row whose hash still matches the schema is a crashed attempt that left nothing behind.
   */
  schemaHash?: string;
}

/** How one migration stands, as `status()` reports it. */
export const MigrationState = {
  APPLIED: 'applied',
  PENDING: 'pending',
  /** Applied, but its file is gone. */
  MISSING: 'missing',
  /** Applied, but its file changed since (checksum differs). */
  CHANGED: 'changed',
  /** Non-transactional and started but never finished: a crash. */
  STARTED: 'started',
  /** Non-transactional and failed part-way. */
  FAILED: 'failed',
} as const;
/** One of {@link MigrationState}. */
export type MigrationState = (typeof MigrationState)[keyof typeof MigrationState];

/** One line of `status()`. */
export interface MigrationStatusEntry {
  name: string;
  state: MigrationState;
  /** Pending but older than the newest applied migration. */
  outOfOrder: boolean;
  path?: string;
  appliedAt?: Date;
  executionMs?: number;
  appliedBy?: string;
  /** Checksum of the file on disk. */
  checksum?: string;
  /** Checksum recorded when it was applied. */
  storedChecksum?: string;
}

/** What `status()` returns. */
export interface MigrationStatus {
  entries: MigrationStatusEntry[];
  applied: string[];
  pending: string[];
  missing: string[];
  changed: string[];
  /** Non-transactional migrations left started or failed. */
  incomplete: string[];
}

/** One SQL statement a dry run would send. */
export interface PlannedStatement {
  migration: string;
  sql: string;
}

/** One migration that ran, and how long it took. */
export interface MigrationRun {
  name: string;
  durationMs: number;
}

/** What `up()` and `down()` return. */
export interface MigrateResult {
  direction: 'up' | 'down';
  /** The migrations run, in order (with `dryRun`: the ones that would run). */
  migrations: MigrationRun[];
  /** Whole command duration, lock wait included. */
  totalMs: number;
  /** How long the lock took to get. */
  lockWaitMs: number;
  dryRun: boolean;
  /** With `dryRun`: the statements that would run. */
  statements: PlannedStatement[];
}

/** What `repair()` changed. */
export interface RepairResult {
  /** Applied migrations whose stored checksum was replaced by the file's. */
  checksumsUpdated: Array<{ name: string; from: string; to: string }>;
  /** Started/failed rows of non-transactional migrations that were removed. */
  incompleteRemoved: string[];
  /** History rows without a file that were removed (only with `removeMissing`). */
  missingRemoved: string[];
}
