import { type Sequelize, Transaction } from 'sequelize';
import { driverError } from '../_internal/driver-error.js';
import { TransactionStateError, TransientError } from '../errors/errors.js';
import { mapDatabaseError } from '../errors/map-database-error.js';
import type { Logger } from '../logging.js';
import { beginStatements, type TransactionDialect } from './dialect-rules.js';
import { loggable } from './log-failure.js';
import { applyStatementTimeout, type RestoreTimeout } from './statement-timeout.js';
import type { IsolationLevel } from './types.js';

/** The characteristics of a new outermost transaction. */
export interface BeginSettings {
  isolationLevel?: IsolationLevel | undefined;
  readOnly?: boolean | undefined;
  timeoutMs?: number | undefined;
}

/** A transaction that is open on its own pooled connection. */
export interface OpenTransaction {
  readonly transaction: Transaction;
  /** Restores session settings and commits; on failure the caller rolls back unless `finished`. */
  commit(): Promise<void>;
  /** Restores session settings (best effort) and rolls back; failures are mapped and rethrown. */
  rollback(): Promise<void>;
}

/** Sequelize Transaction internals that its public typings omit. */
interface TransactionInternals {
  id: string;
  connection?: unknown;
  finished?: string;
  begin(): Promise<void>;
  prepareEnvironment(useCls: boolean): Promise<void>;
  cleanup(): void;
  forceCleanup(): Promise<void>;
  _afterCommitHooks: ((transaction: Transaction) => unknown)[];
}

/** The pg client Sequelize's postgres dialect hands a transaction. */
interface PgConnection {
  query(sql: string): Promise<{ command: string | null }>;
}

/** The transaction's own pg client on PostgreSQL (pg and PGlite through pg), else undefined. */
function pgConnectionOf(
  dialect: TransactionDialect,
  internals: TransactionInternals,
): PgConnection | undefined {
  if (dialect !== 'postgres') return undefined;
  const connection = internals.connection as Partial<PgConnection> | undefined;
  return typeof connection?.query === 'function' ? (connection as PgConnection) : undefined;
}

/**
 * True when a failed COMMIT got no answer from the server: no SQLSTATE on the driver error,
 * or class 08, connection exception. The server may have committed before the connection dropped.
 */
function outcomeUnknown(error: unknown): boolean {
  const { code, sqlState } = driverError(error);
  const state = sqlState ?? code;
  return state === undefined || !/^[0-9A-Z]{5}$/.test(state) || state.startsWith('08');
}

/** Sends COMMIT; resolves to true when the server ended the transaction with ROLLBACK instead. */
type SendCommit = () => Promise<boolean>;

/** COMMIT straight on the transaction's pg connection, without Sequelize's per-statement pipeline. */
function commitOnPg(connection: PgConnection): SendCommit {
  return async () => (await connection.query('COMMIT')).command === 'ROLLBACK';
}

/** COMMIT through Sequelize's query interface (MariaDB, MySQL): the dialect's statement. */
function commitThroughSequelize(sequelize: Sequelize, transaction: Transaction): SendCommit {
  return async () => {
    await sequelize.getQueryInterface().commitTransaction(transaction, {});
    return false;
  };
}

/**
 * COMMIT, then what Sequelize's `commit()` does after it (release the connection, run
 * `afterCommit` hooks). Two differences, both fixes: hooks run only when the commit happened
 * (Sequelize runs them after a failed COMMIT too, and prints a console warning), and a
 * transaction PostgreSQL had already aborted — a statement failed and its error was caught — is
 * a TransactionStateError instead of passing for committed (COMMIT then answers ROLLBACK,
 * without an error). A failed COMMIT destroys the connection, as Sequelize does: its state is
 * unknown; a lost connection is a TransientError that says the outcome is unknown.
 */
async function commitThenRunHooks(
  transaction: Transaction,
  internals: TransactionInternals,
  sendCommit: SendCommit,
): Promise<void> {
  if (internals.finished) {
    throw new TransactionStateError(
      `Transaction ${internals.id} cannot be committed: it already ended (${internals.finished})`,
    );
  }
  let rolledBack: boolean;
  try {
    rolledBack = await sendCommit();
  } catch (error) {
    internals.finished = 'commit';
    await internals.forceCleanup();
    if (!outcomeUnknown(error)) throw error;
    throw new TransientError(
      'connection',
      'The database connection was lost during COMMIT: whether it committed is unknown',
      { cause: error },
    );
  }
  internals.finished = 'commit';
  internals.cleanup();
  if (rolledBack) {
    throw new TransactionStateError(
      'The transaction was rolled back, not committed: a statement in it failed and its error was caught. ' +
        'PostgreSQL aborts a transaction at its first error; run work that may fail in a nested transaction (a savepoint).',
      { details: { transactionId: internals.id } },
    );
  }
  for (const hook of internals._afterCommitHooks) await hook.apply(transaction, [transaction]);
}

/**
 * Takes a connection from the pool and opens a transaction on it with one statement where the
 * dialect allows (`START TRANSACTION ISOLATION LEVEL …, READ ONLY` on PostgreSQL), then applies
 * `timeoutMs`. Uses Sequelize's Transaction (so `{ transaction }`, hooks and `afterCommit` work)
 * but issues its own BEGIN, which Sequelize cannot make read-only.
 */
export async function beginTransaction(
  sequelize: Sequelize,
  dialect: TransactionDialect,
  settings: BeginSettings,
  logger: Logger,
): Promise<OpenTransaction> {
  const transaction = new Transaction(sequelize, { readOnly: settings.readOnly ?? false });
  const internals = transaction as unknown as TransactionInternals;
  internals.begin = async () => {
    const connection = pgConnectionOf(dialect, internals);
    for (const sql of beginStatements(dialect, settings)) {
      if (connection) await connection.query(sql);
      else await sequelize.query(sql, { transaction });
    }
  };
  let restore: RestoreTimeout;
  try {
    await internals.prepareEnvironment(false);
    restore = await applyStatementTimeout(sequelize, dialect, transaction, settings.timeoutMs);
  } catch (error) {
    if (internals.connection && !internals.finished) {
      await transaction.rollback().catch((rollbackError: unknown) => {
        logger.warn(
          { transactionId: internals.id, err: loggable(rollbackError) },
          'Rolling back a transaction that failed to start also failed',
        );
      });
    }
    throw mapDatabaseError(error);
  }
  return Object.freeze({
    transaction,
    async commit() {
      try {
        await restore();
        const connection = pgConnectionOf(dialect, internals);
        await commitThenRunHooks(
          transaction,
          internals,
          connection ? commitOnPg(connection) : commitThroughSequelize(sequelize, transaction),
        );
      } catch (error) {
        throw mapDatabaseError(error);
      }
    },
    async rollback() {
      await restore().catch((error: unknown) => {
        logger.warn(
          { transactionId: internals.id, err: loggable(error) },
          'Could not restore session timeouts before rollback',
        );
      });
      try {
        await transaction.rollback();
      } catch (error) {
        throw mapDatabaseError(error);
      }
    },
  });
}
