import type { DedicatedConnection } from '../_internal/dedicated-connection.js';
import type { LockHolder } from '../errors.js';
import { type LockTiming, type MigrationLock, pollForLock } from './lock.js';

/** The SQL side of a lock held by a connection's session. */
export interface SessionLockDriver {
  open(): Promise<DedicatedConnection>;
  tryAcquire(connection: DedicatedConnection): Promise<boolean>;
  describeHolder(connection: DedicatedConnection): Promise<LockHolder | undefined>;
  unlock(connection: DedicatedConnection): Promise<void>;
}

/**
 * A {@link MigrationLock} held by the session of a connection opened for it: acquire opens the
 * connection and polls, release unlocks and closes it. If the process dies, the server ends the
 * session and the lock with it.
 */
export function createSessionLock(driver: SessionLockDriver, timing: LockTiming): MigrationLock {
  let held: DedicatedConnection | undefined;
  return {
    async acquire() {
      const connection = await driver.open();
      try {
        await pollForLock(
          () => driver.tryAcquire(connection),
          () => driver.describeHolder(connection),
          timing,
        );
        held = connection;
      } catch (error) {
        await connection.close().catch(() => undefined);
        throw error;
      }
    },
    async release() {
      const connection = held;
      held = undefined;
      if (!connection) return;
      try {
        await driver.unlock(connection);
      } finally {
        await connection.close();
      }
    },
  };
}
