import type { Submittable } from 'pg';
import type { Sequelize, Transaction } from 'sequelize';
import { contextOf } from '../transactions/context.js';

/** The part of a `pg` Client the COPY path uses. */
export interface PgQueryable {
  query<T extends Submittable>(query: T): T;
}

/** A pg connection borrowed for one COPY: the transaction's own, or one from the pool. */
export interface PgConnectionLease {
  readonly client: PgQueryable;
  /** Gives a pooled connection back; does nothing for a transaction's. Idempotent. */
  release(): void;
}

interface ConnectionManager {
  getConnection(options: { type: 'read' | 'write' }): Promise<PgQueryable>;
  releaseConnection(connection: PgQueryable): void;
}

/**
 * The transaction a statement of `sequelize` would run in: the explicit one, else the current
 * one of dalkit's async context, else Sequelize's CLS one (when the app enabled it).
 */
export function effectiveTransaction(
  sequelize: Sequelize,
  explicit: Transaction | undefined,
): Transaction | undefined {
  if (explicit) return explicit;
  const frame = contextOf(sequelize).storage.getStore();
  if (frame?.active) return frame.root.transaction;
  const cls = (sequelize.constructor as unknown as { _cls?: { get(key: string): unknown } })._cls;
  return cls?.get('transaction') as Transaction | undefined;
}

/**
 * Borrows the pg connection to stream on: inside a transaction its own connection (Sequelize
 * keeps the pg Client on `transaction.connection`), so the COPY commits or rolls back with it;
 * otherwise a write connection from Sequelize's pool.
 */
export async function leasePgConnection(
  sequelize: Sequelize,
  transaction: Transaction | undefined,
): Promise<PgConnectionLease> {
  if (transaction) {
    const client = (transaction as unknown as { connection: PgQueryable }).connection;
    return { client, release: () => {} };
  }
  const manager = sequelize.connectionManager as unknown as ConnectionManager;
  const client = await manager.getConnection({ type: 'write' });
  let released = false;
  return {
    client,
    release() {
      if (released) return;
      released = true;
      manager.releaseConnection(client);
    },
  };
}
