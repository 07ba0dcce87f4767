/**
 * PENDING: PostgreSQL 18 (the embedded PGlite) reports `ON DELETE RESTRICT` as SQLSTATE 23001
 * (restrict_violation), which `mapDatabaseError` of @dalkit/connection does not map yet (PG 15
 * reports 23503). Delete once the converter maps 23001 to a foreign-key violation.
 */
import { ConstraintViolationError, type DalkitError, QueryError } from '@dalkit/connection';

/** A foreign-key violation for a QueryError with SQLSTATE 23001; the error itself otherwise. */
export function fromRestrictViolation(error: DalkitError): DalkitError {
  if (!(error instanceof QueryError) || error.sqlState !== '23001') return error;
  return new ConstraintViolationError(
    { kind: 'foreign_key' },
    'The row is still referenced and cannot be deleted or changed',
    { cause: error },
  );
}
