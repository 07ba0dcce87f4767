import { type Sequelize, Transaction } from 'sequelize';
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
    for (const sql of beginStatements(dialect, settings)) await sequelize.query(sql, { transaction });
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
        await transaction.commit();
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
