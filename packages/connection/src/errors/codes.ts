/**
 * Every error dalkit throws carries one of these stable codes. Match on the code, never on
 * the message: messages get better over time, codes do not change.
 */
export const ErrorCode = {
  /** Configuration is missing, malformed or contradictory. */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** The database could not be reached (after retries, when connecting). */
  CONNECTION_FAILED: 'CONNECTION_FAILED',
  /** An optional driver package (mysql2, PGlite) is not installed. */
  DRIVER_MISSING: 'DRIVER_MISSING',
  /** A row looked up by key does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** Input failed validation before any SQL was sent. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** A UNIQUE or PRIMARY KEY constraint rejected the write. */
  UNIQUE_VIOLATION: 'UNIQUE_VIOLATION',
  /** A FOREIGN KEY constraint rejected the write. */
  FOREIGN_KEY_VIOLATION: 'FOREIGN_KEY_VIOLATION',
  /** A CHECK constraint rejected the write. */
  CHECK_VIOLATION: 'CHECK_VIOLATION',
  /** A NOT NULL constraint rejected the write. */
  NOT_NULL_VIOLATION: 'NOT_NULL_VIOLATION',
  /** An EXCLUDE constraint rejected the write (PostgreSQL). */
  EXCLUSION_VIOLATION: 'EXCLUSION_VIOLATION',
  /** An optimistic-locking update found a newer version than the one it read. */
  STALE_VERSION: 'STALE_VERSION',
  /** A serialization failure, deadlock, lost connection or similar: retrying may succeed. */
  TRANSIENT: 'TRANSIENT',
  /** A statement or lock wait exceeded its timeout. */
  TIMEOUT: 'TIMEOUT',
  /** A transaction was used after it ended, committed twice, or given options it cannot take. */
  TRANSACTION_STATE: 'TRANSACTION_STATE',
  /** Any other database error; the driver error is kept as `cause`. */
  QUERY_FAILED: 'QUERY_FAILED',
  /** A migration failed; nothing of it was applied unless the message says otherwise. */
  MIGRATION_FAILED: 'MIGRATION_FAILED',
  /** An applied migration's file changed since it ran. */
  CHECKSUM_MISMATCH: 'CHECKSUM_MISMATCH',
  /** A cross-process lock could not be taken in time. */
  LOCK_TIMEOUT: 'LOCK_TIMEOUT',
  /** A seed failed; its transaction was rolled back. */
  SEED_FAILED: 'SEED_FAILED',
  /** A destructive operation was refused (production, environment mismatch, non-empty target). */
  OPERATION_REFUSED: 'OPERATION_REFUSED',
  /** Encryption or decryption failed: missing or wrong key, or tampered ciphertext. */
  ENCRYPTION_FAILED: 'ENCRYPTION_FAILED',
} as const;

/** One of the stable dalkit error codes. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The HTTP status an API should answer with for each code: 400 for bad input, 404, 409 for
 * conflicts, 503 for a database that is unavailable or busy, 500 for the rest.
 */
export const HTTP_STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = Object.freeze({
  CONFIG_INVALID: 500,
  CONNECTION_FAILED: 503,
  DRIVER_MISSING: 500,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  UNIQUE_VIOLATION: 409,
  FOREIGN_KEY_VIOLATION: 409,
  CHECK_VIOLATION: 409,
  NOT_NULL_VIOLATION: 400,
  EXCLUSION_VIOLATION: 409,
  STALE_VERSION: 409,
  TRANSIENT: 503,
  TIMEOUT: 503,
  TRANSACTION_STATE: 500,
  QUERY_FAILED: 500,
  MIGRATION_FAILED: 500,
  CHECKSUM_MISMATCH: 500,
  LOCK_TIMEOUT: 503,
  SEED_FAILED: 500,
  OPERATION_REFUSED: 409,
  ENCRYPTION_FAILED: 500,
});
