import { AsyncLocalStorage } from 'node:async_hooks';
import type { Sequelize, Transaction } from 'sequelize';
import type { DalkitError } from '../errors/dalkit-error.js';

/** What one outermost transaction shares with every savepoint and joined call inside it. */
export interface RootTransactionState {
  /** The Sequelize transaction: its connection runs every statement of the tree. */
  readonly transaction: Transaction;
  /** Its id, for logs and errors. */
  readonly id: string;
  readonly isolationLevel: string | undefined;
  readonly readOnly: boolean;
  /** Numbers savepoints so that every name in the transaction is unique. */
  savepointCount: number;
  /**
   * Set when a statement failed in a way that ended the whole transaction on the server
   * (deadlock, serialization failure): nothing more may run in it, it can only roll back.
   */
  doomed: DalkitError | undefined;
}

/** One level of the transaction tree: the outermost transaction (depth 0) or a savepoint. */
export interface TransactionFrame {
  readonly root: RootTransactionState;
  readonly depth: number;
  /** The savepoint name; absent at depth 0. */
  readonly savepoint: string | undefined;
  /** False once this level committed, released or rolled back. */
  active: boolean;
  /** Serializes child savepoints: two siblings opened concurrently would undo each other's work. */
  children: Promise<void>;
}

/** The async context of one Sequelize instance: which transaction frame the current code runs in. */
export interface TransactionContext {
  readonly sequelize: Sequelize;
  readonly storage: AsyncLocalStorage<TransactionFrame>;
}

const CONTEXTS = new WeakMap<Sequelize, TransactionContext>();

/**
 * The context of `sequelize`, created on first use. One per instance, never global: two
 * databases in one process never see each other's transactions.
 */
export function contextOf(sequelize: Sequelize): TransactionContext {
  let context = CONTEXTS.get(sequelize);
  if (!context) {
    context = Object.freeze({ sequelize, storage: new AsyncLocalStorage<TransactionFrame>() });
    CONTEXTS.set(sequelize, context);
  }
  return context;
}

/** The frame the calling code runs in, if it is still open. */
export function activeFrame(context: TransactionContext): TransactionFrame | undefined {
  const frame = context.storage.getStore();
  return frame?.active ? frame : undefined;
}

/** A new frame: depth 0 for a root state, or a savepoint under `parent`. */
export function createFrame(
  root: RootTransactionState,
  parent?: TransactionFrame,
  savepoint?: string,
): TransactionFrame {
  return {
    root,
    depth: parent ? parent.depth + 1 : 0,
    savepoint,
    active: true,
    children: Promise.resolve(),
  };
}

/** The id Sequelize gives a transaction (a UUID); its public typings omit it. */
export function transactionIdOf(transaction: Transaction): string {
  return (transaction as unknown as { id: string }).id;
}
