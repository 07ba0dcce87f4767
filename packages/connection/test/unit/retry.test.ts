import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  type RetryClock,
  RetryExhaustedError,
  type RetryPolicy,
  retryWithBackoff,
} from '../../src/retry.js';

const policy: RetryPolicy = { maxAttempts: 6, initialDelayMs: 100, maxDelayMs: 1_000, deadlineMs: 60_000 };

/** A clock whose sleep advances time at once and records each delay. */
function fakeClock(random = () => 0.999): RetryClock & { slept: number[]; time: number } {
  const clock = {
    time: 0,
    slept: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.time += ms;
    },
    random,
  };
  return clock;
}

describe('backoffDelay', () => {
  it('should double the ceiling each attempt up to the maximum (full jitter)', () => {
    const top = (attempt: number) => backoffDelay(attempt, policy, () => 0.999999);
    expect([1, 2, 3, 4, 5, 6].map(top)).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('should pick anywhere between zero and the ceiling', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
  });
});

describe('retryWithBackoff', () => {
  it('should retry until success and report each failure with its delay', async () => {
    const clock = fakeClock();
    const failures: Array<{ attempt: number; delayMs: number }> = [];
    let calls = 0;
    const result = await retryWithBackoff(
      async (attempt) => {
        calls++;
        if (attempt < 3) throw new Error(`refused ${attempt}`);
        return 'up';
      },
      policy,
      { clock, onRetry: ({ attempt, delayMs }) => failures.push({ attempt, delayMs }) },
    );
    expect(result).toBe('up');
    expect(calls).toBe(3);
    expect(failures).toEqual([
      { attempt: 1, delayMs: 99 },
      { attempt: 2, delayMs: 199 },
    ]);
    expect(clock.slept).toEqual([99, 199]);
  });

  it('should give up after maxAttempts with the last error as cause', async () => {
    const clock = fakeClock();
    const error = await retryWithBackoff(
      async (attempt) => {
        throw new Error(`refused ${attempt}`);
      },
      { ...policy, maxAttempts: 4 },
      { clock },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryExhaustedError);
    expect(error).toMatchObject({ attempts: 4, reason: 'attempts', elapsedMs: 99 + 199 + 399 });
    expect((error as Error).cause).toEqual(new Error('refused 4'));
  });

  it('should not start an attempt past the deadline', async () => {
    const clock = fakeClock();
    const error = await retryWithBackoff(
      async () => {
        clock.time += 300; // each attempt takes 300 ms
        throw new Error('timeout');
      },
      { maxAttempts: 100, initialDelayMs: 100, maxDelayMs: 1_000, deadlineMs: 2_000 },
      { clock },
    ).catch((e: unknown) => e as RetryExhaustedError);
    expect(error.reason).toBe('deadline');
    expect(clock.time).toBeLessThanOrEqual(2_000);
    expect(error.attempts).toBeGreaterThan(1);
  });

  it('should stop at once on an error that is not retryable', async () => {
    const clock = fakeClock();
    let calls = 0;
    const error = await retryWithBackoff(
      async () => {
        calls++;
        throw new Error('password authentication failed');
      },
      policy,
      { clock, isRetryable: () => false },
    ).catch((e: unknown) => e as RetryExhaustedError);
    expect(calls).toBe(1);
    expect(error.reason).toBe('not retryable');
    expect(clock.slept).toEqual([]);
  });
});
