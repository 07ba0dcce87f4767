/** How `connect()` retries: attempts, exponential delays and an overall deadline. */
export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number;
  /** Upper bound of the first delay; doubles each attempt. */
  initialDelayMs: number;
  /** Upper bound of any one delay. */
  maxDelayMs: number;
  /** No attempt starts after this many ms from the first one. */
  deadlineMs: number;
}

/** Time and randomness, injectable so tests never wait. */
export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1). */
  random(): number;
}

/** The real clock: `Date.now`, `setTimeout`, `Math.random`. */
export const systemClock: RetryClock = Object.freeze({
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
});

/**
 * The delay before attempt `attempt + 1`, with "full jitter": a uniform random value between
 * 0 and `min(maxDelayMs, initialDelayMs * 2^(attempt - 1))`, so many clients restarting at
 * once do not retry in lockstep.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** What a failed attempt reports before the next one. */
export interface RetryAttemptFailure {
  attempt: number;
  error: unknown;
  /** Delay before the next attempt, in ms. */
  delayMs: number;
  elapsedMs: number;
}

/** Thrown by {@link retryWithBackoff} when it gives up; `cause` is the last error. */
export class RetryExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    readonly elapsedMs: number,
    readonly reason: 'attempts' | 'deadline' | 'not retryable',
    cause: unknown,
  ) {
    super(`gave up after ${attempts} attempt(s) over ${elapsedMs} ms (${reason})`, { cause });
    this.name = 'RetryExhaustedError';
  }
}

/** Hooks and seams of {@link retryWithBackoff}. */
export interface RetryOptions {
  clock?: RetryClock;
  /** Errors for which this returns false end the retries at once. @default () => true */
  isRetryable?: (error: unknown) => boolean;
  /** Called after each failed attempt that will be retried. */
  onRetry?: (failure: RetryAttemptFailure) => void;
}

/**
 * Calls `fn` until it resolves, waiting a jittered, exponentially growing delay between
 * attempts, and gives up with {@link RetryExhaustedError} after `maxAttempts`, when the next
 * attempt would start past the deadline, or on an error that is not retryable.
 */
export async function retryWithBackoff<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  options: RetryOptions = {},
): Promise<T> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const elapsedMs = clock.now() - started;
      if (options.isRetryable && !options.isRetryable(error)) {
        throw new RetryExhaustedError(attempt, elapsedMs, 'not retryable', error);
      }
      if (attempt >= policy.maxAttempts) throw new RetryExhaustedError(attempt, elapsedMs, 'attempts', error);
      const remaining = policy.deadlineMs - elapsedMs;
      const delayMs = Math.min(backoffDelay(attempt, policy, clock.random), Math.max(0, remaining));
      if (remaining <= 0 || elapsedMs + delayMs >= policy.deadlineMs) {
        throw new RetryExhaustedError(attempt, elapsedMs, 'deadline', error);
      }
      options.onRetry?.({ attempt, error, delayMs, elapsedMs });
      await clock.sleep(delayMs);
    }
  }
}
