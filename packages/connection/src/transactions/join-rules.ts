import type { Sequelize } from 'sequelize';
import { TransactionStateError } from '../errors/errors.js';
import type { TransactionFrame } from './context.js';
import type { TransactionOptions } from './types.js';

/**
 * Refuses options that a savepoint (`nested`) or a joined (`required`) transaction cannot honour,
 * rather than silently ignoring them: a different isolation level or read-only mode, a timeout,
 * or a retry policy (only the outermost transaction is ever retried).
 * @throws TransactionStateError naming the option
 */
export function assertJoinable(
  frame: TransactionFrame,
  options: TransactionOptions,
  propagation: 'nested' | 'required',
): void {
  const as =
    propagation === 'nested'
      ? 'a savepoint (propagation "nested")'
      : 'a joined transaction (propagation "required")';
  const refuse = (option: string, why: string): never => {
    throw new TransactionStateError(
      `${option} cannot apply to ${as}: ${why}. Set it on the outermost transaction, or use propagation "requiresNew"`,
      { details: { option, transactionId: frame.root.id, depth: frame.depth + 1 } },
    );
  };
  const { root } = frame;
  if (options.isolationLevel !== undefined && options.isolationLevel !== root.isolationLevel) {
    refuse(
      'isolationLevel',
      `the enclosing transaction runs ${root.isolationLevel ?? 'the database default'}`,
    );
  }
  if (options.readOnly !== undefined && options.readOnly !== root.readOnly) {
    refuse('readOnly', `the enclosing transaction is ${root.readOnly ? 'read-only' : 'read-write'}`);
  }
  if (options.timeoutMs !== undefined) refuse('timeoutMs', 'timeouts are set per transaction');
  if (options.retry !== undefined && options.retry !== false) {
    refuse('retry', 'only the outermost transaction is retried, from its start');
  }
}

/**
 * Refuses to open a second transaction while one is open in this context on a pool of one
 * connection (the embedded PostgreSQL): it would wait for that connection forever.
 * @throws TransactionStateError
 */
export function assertSecondConnectionPossible(
  sequelize: Sequelize,
  frame: TransactionFrame | undefined,
  what: string,
): void {
  const max = (sequelize.config as { pool?: { max?: number } }).pool?.max;
  if (frame && max === 1) {
    throw new TransactionStateError(
      `${what} needs a second connection while transaction ${frame.root.id} holds the only one (pool max is 1)`,
      { details: { transactionId: frame.root.id } },
    );
  }
}
