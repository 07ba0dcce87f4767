export type { EmbeddedPostgres, EmbeddedPostgresOptions } from './dialects/embedded-postgres.js';
export { startEmbeddedPostgres } from './dialects/embedded-postgres.js';
export { ErrorCode, HTTP_STATUS_BY_CODE } from './errors/codes.js';
export type { DalkitErrorOptions } from './errors/dalkit-error.js';
export { DalkitError, isDalkitError } from './errors/dalkit-error.js';
export type {
  ConfigIssue,
  ConstraintViolation,
  TransientReason,
  ValidationIssue,
} from './errors/errors.js';
export {
  ConfigError,
  ConflictError,
  ConnectionError,
  ConstraintKind,
  ConstraintViolationError,
  NotFoundError,
  OperationRefusedError,
  QueryError,
  TimeoutError,
  TransactionStateError,
  TransientError,
  ValidationError,
} from './errors/errors.js';
export { redactSecrets, redactUrl } from './redact.js';
