import type { Sequelize } from 'sequelize';
import type { ResolvedDatabaseConfig } from '../config/schema.js';
import { ConnectionError } from '../errors/errors.js';
import type { Logger } from '../logging.js';
import { redactSecrets } from '../redact.js';
import { type RetryClock, RetryExhaustedError, retryWithBackoff } from '../retry.js';
import { describeConnectError, isRetryableConnectError } from './connect-error.js';

/** What {@link connectWithRetry} needs besides the Sequelize instance. */
export interface ConnectDeps {
  retry: ResolvedDatabaseConfig['retry'];
  clock: RetryClock;
  logger: Logger;
  /** The redacted address, for log lines and the error. */
  target: string;
  /** Values that must never appear in a message (the password). */
  secrets: readonly (string | undefined)[];
}

/**
 * Opens a first connection (`authenticate()`), retrying with backoff; logs each failed attempt
 * and, on giving up, throws a {@link ConnectionError} with attempts, elapsed time and last cause.
 */
export async function connectWithRetry(sequelize: Sequelize, deps: ConnectDeps): Promise<void> {
  const { clock, logger, target, retry } = deps;
  const started = clock.now();
  try {
    await retryWithBackoff(() => sequelize.authenticate({ logging: false }), retry, {
      clock,
      isRetryable: isRetryableConnectError,
      onRetry: ({ attempt, delayMs, error }) =>
        logger.warn(
          { attempt, maxAttempts: retry.maxAttempts, delayMs, target, error: describeConnectError(error) },
          `database connection attempt ${attempt} failed; retrying in ${delayMs} ms`,
        ),
    });
    logger.info({ target, elapsedMs: clock.now() - started }, 'database connected');
  } catch (error) {
    if (!(error instanceof RetryExhaustedError)) throw error;
    const cause = error.cause;
    const message =
      `Could not connect to ${target} after ${error.attempts} attempt(s) over ${error.elapsedMs} ms` +
      `${error.reason === 'not retryable' ? ' (not retried: waiting cannot fix it)' : ''}: ` +
      redactSecrets(describeConnectError(cause), deps.secrets);
    logger.error({ target, attempts: error.attempts, elapsedMs: error.elapsedMs }, message);
    throw new ConnectionError(message, {
      cause,
      details: { target, attempts: error.attempts, elapsedMs: error.elapsedMs, reason: error.reason },
    });
  }
}
