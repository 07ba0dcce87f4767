import { describe, expect, it } from 'vitest';
import { LockTimeoutError } from '../../src/index.js';
import { pollForLock } from '../../src/lock/lock.js';

function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

describe('pollForLock', () => {
  it('should keep trying until the lock is free', async () => {
    const clock = fakeClock();
    let attempts = 0;
    await pollForLock(
      async () => ++attempts === 4,
      async () => undefined,
      { timeoutMs: 10_000, pollMs: 100, ...clock },
    );
    expect(attempts).toBe(4);
    expect(clock.now()).toBeGreaterThanOrEqual(300);
  });

  it('should give up after the timeout with the holder in the error', async () => {
    const clock = fakeClock();
    const error = await pollForLock(
      async () => false,
      async () => ({ pid: 42, applicationName: 'dalkit-migrate web-1 pid 7' }),
      {
        timeoutMs: 1_000,
        pollMs: 100,
        ...clock,
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as LockTimeoutError).code).toBe('LOCK_TIMEOUT');
    expect((error as LockTimeoutError).message).toContain('pid 42');
    expect((error as LockTimeoutError).message).toContain('dalkit-migrate web-1 pid 7');
    expect(clock.now()).toBe(1_000);
  });
});
