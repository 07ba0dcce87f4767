import { type LOCK, type Sequelize, Transaction } from 'sequelize';
import { ValidationError } from '../errors/errors.js';

/** Row locks a read can take, as a const object and a type of the same name. */
export const RowLock = {
  /** `FOR UPDATE`: wait for, then lock, the rows read. */
  UPDATE: 'update',
  /** `FOR UPDATE SKIP LOCKED`: lock the rows nobody else holds, skip the rest (job queues). */
  UPDATE_SKIP_LOCKED: 'update skip locked',
  /** `FOR SHARE` (`LOCK IN SHARE MODE` on MariaDB): block writers, not readers. */
  SHARE: 'share',
  /** `FOR SHARE SKIP LOCKED`. */
  SHARE_SKIP_LOCKED: 'share skip locked',
} as const;
/** A row lock a read can take. */
export type RowLock = (typeof RowLock)[keyof typeof RowLock];

/** The Sequelize find options that take a {@link RowLock}. */
export interface RowLockFindOptions {
  lock: LOCK;
  skipLocked: boolean;
}

const FIND_OPTIONS: Readonly<Record<RowLock, RowLockFindOptions>> = Object.freeze({
  update: { lock: Transaction.LOCK.UPDATE, skipLocked: false },
  'update skip locked': { lock: Transaction.LOCK.UPDATE, skipLocked: true },
  share: { lock: Transaction.LOCK.SHARE, skipLocked: false },
  'share skip locked': { lock: Transaction.LOCK.SHARE, skipLocked: true },
});

/**
 * Sequelize find options for a row lock: spread them into `findAll`/`findOne` options inside a
 * transaction (outside one the lock would end with the statement).
 * @example Order.findAll({ where, ...rowLockOptions('update skip locked') })
 * @throws ValidationError for a lock that is not one of {@link RowLock}
 */
export function rowLockOptions(lock: RowLock): RowLockFindOptions {
  const options = Object.hasOwn(FIND_OPTIONS, lock) ? FIND_OPTIONS[lock] : undefined;
  if (!options) {
    throw new ValidationError([
      {
        path: 'lock',
        rule: 'oneOf',
        message: `lock must be one of ${Object.values(RowLock).join(', ')} (got ${String(lock)})`,
      },
    ]);
  }
  return { ...options };
}

/**
 * Lets Sequelize's mysql/mariadb dialect emit `SKIP LOCKED` (MariaDB 10.6+, MySQL 8+), which it
 * otherwise drops silently, turning a skip-locked read into one that waits. Affects this
 * instance only.
 */
export function enableSkipLocked(sequelize: Sequelize): void {
  const dialect = (sequelize as unknown as { dialect: { supports: Record<string, unknown> } }).dialect;
  if (!dialect.supports.skipLocked) dialect.supports = { ...dialect.supports, skipLocked: true };
}
