import { TransientError } from '../errors/errors.js';
import type { Logger } from '../logging.js';
import { backoffDelay, type RetryClock } from '../retry.js';
import { isRetryableTransient } from './implicit-transaction.js';
import type { TransactionRetryOptions } from './types.js';

/** The retry policy of an outermost transaction when none is given. */
export const DEFAULT_TRANSACTION_RETRY: Readonly<Required<TransactionRetryOptions>> = Object.freeze({
  maxAttempts: 5,
  initialDelayMs: 20,
  maxDelayMs: 1000,
});

/**
 * Runs `attempt` (one whole outermost transaction: begin, fn, commit) and runs it again from the
 * start when it failed with a serialization failure, deadlock or lock wait timeout, after an
 * exponential delay with full jitter. Any other error is thrown at once. After the last attempt
 * the caller gets a {@link TransientError} whose `attempts` says how many were made.
 */
export async function retryTransaction<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: TransactionRetryOptions | false | undefined,
  seams: { clock: Pick<RetryClock, 'sleep' | 'random'>; logger: Logger },
): Promise<T> {
  const policy =
    options === false
      ? { ...DEFAULT_TRANSACTION_RETRY, maxAttempts: 1 }
      : { ...DEFAULT_TRANSACTION_RETRY, ...options };
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (!isRetryableTransient(error)) throw error;
      if (attemptNumber >= policy.maxAttempts) {
        if (policy.maxAttempts === 1) throw error;
        throw new TransientError(
          error.reason,
          `The transaction failed ${attemptNumber} times in a row (${error.reason}); giving up after ${attemptNumber} attempts`,
          {
            cause: error.cause,
            attempts: attemptNumber,
            details: { ...error.details, attempts: attemptNumber },
          },
        );
      }
      const delayMs = backoffDelay(
        attemptNumber,
        { ...policy, deadlineMs: Number.POSITIVE_INFINITY },
        seams.clock.random,
      );
      seams.logger.warn(
        {
          attempt: attemptNumber,
          maxAttempts: policy.maxAttempts,
          delayMs,
          reason: error.reason,
          code: error.code,
        },
        'Transaction failed with a transient error; retrying it from the start',
      );
      await seams.clock.sleep(delayMs);
    }
  }
}
