import { type LockTiming, type MigrationLock, pollForLock } from './lock.js';

const held = new Set<string>();

/**
 * A lock inside this process only. Used for the embedded PostgreSQL (PGlite), which serves a
 * single connection to the process that started it, so no other process can migrate it.
 */
export function createInProcessLock(key: string, timing: LockTiming): MigrationLock {
  let mine = false;
  return {
    acquire: () =>
      pollForLock(
        async () => {
          if (held.has(key)) return false;
          held.add(key);
          mine = true;
          return true;
        },
        async () => ({ pid: process.pid, applicationName: 'this process' }),
        timing,
      ),
    release: async () => {
      if (mine) held.delete(key);
      mine = false;
    },
  };
}
