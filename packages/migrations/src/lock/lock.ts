import { type LockHolder, LockTimeoutError } from '../errors.js';

/** One runner at a time: the migrator takes it before reading history and releases it after. */
export interface MigrationLock {
  /** Waits (bounded) until the lock is held; throws {@link LockTimeoutError} when it is not. */
  acquire(): Promise<void>;
  /** Releases the lock; safe to call when it is not held. */
  release(): Promise<void>;
}

/** Clock and sleep, injectable so lock waits can be tested without waiting. */
export interface LockTiming {
  /** How long to wait for the lock. */
  timeoutMs: number;
  /** Pause between attempts. @default 200 */
  pollMs?: number;
  /** @default Date.now */
  now?: () => number;
  /** @default setTimeout-based */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `tryAcquire` until it returns true or `timeoutMs` passes, pausing `pollMs` (plus a
 * little jitter, so runners started together do not poll in step) between attempts. On
 * timeout asks `describeHolder` who has it and throws {@link LockTimeoutError}.
 */
export async function pollForLock(
  tryAcquire: () => Promise<boolean>,
  describeHolder: () => Promise<LockHolder | undefined>,
  timing: LockTiming,
): Promise<void> {
  const now = timing.now ?? Date.now;
  const sleep = timing.sleep ?? defaultSleep;
  const pollMs = timing.pollMs ?? 200;
  const start = now();
  for (;;) {
    if (await tryAcquire()) return;
    const waited = now() - start;
    if (waited >= timing.timeoutMs) {
      throw new LockTimeoutError(waited, await describeHolder().catch(() => undefined));
    }
    await sleep(
      Math.min(pollMs + Math.floor(Math.random() * (pollMs / 4)), Math.max(1, timing.timeoutMs - waited)),
    );
  }
}
