import { ErrorCode } from './codes.js';
import { DalkitError, type DalkitErrorOptions } from './dalkit-error.js';

/** One problem found in configuration. */
export interface ConfigIssue {
  /** The key as the user wrote it: `DB_POOL_MAX`, `pool.max`, `url`. */
  key: string;
  /** Where the value came from: `environment`, `explicit options`, a config file path, `default`. */
  source: string;
  /** What would have been accepted. */
  expected: string;
  /** The offending value, already redacted; absent when the value is missing. */
  received?: string;
}

/** Configuration is missing, malformed or contradictory; `issues` lists every bad key. */
export class ConfigError extends DalkitError {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[], options: DalkitErrorOptions = {}) {
    const lines = issues.map(
      (i) =>
        `${i.key} must be ${i.expected} (${i.received === undefined ? 'missing' : `got ${i.received}`} from ${i.source})`,
    );
    super(ErrorCode.CONFIG_INVALID, `Invalid database configuration: ${lines.join('; ')}`, {
      ...options,
      details: { ...options.details, issues },
    });
    this.issues = Object.freeze([...issues]);
  }
}

/** The database could not be reached, or a driver package is missing. */
export class ConnectionError extends DalkitError {
  constructor(
    message: string,
    options: DalkitErrorOptions & {
      code?: typeof ErrorCode.CONNECTION_FAILED | typeof ErrorCode.DRIVER_MISSING;
    } = {},
  ) {
    super(options.code ?? ErrorCode.CONNECTION_FAILED, message, options);
  }
}

/** A row looked up by key does not exist. */
export class NotFoundError extends DalkitError {
  readonly entity: string;
  readonly id: unknown;
  constructor(entity: string, id: unknown, options: DalkitErrorOptions = {}) {
    super(ErrorCode.NOT_FOUND, `${entity} ${JSON.stringify(id)} was not found`, {
      ...options,
      details: { ...options.details, entity, id },
    });
    this.entity = entity;
    this.id = id;
  }
}

/** One failing field of a {@link ValidationError}. */
export interface ValidationIssue {
  /** The field or path: `email`, `filter.total.gte`, `items[2].quantity`. */
  path: string;
  /** The rule that failed: `required`, `length`, `pattern`, `unknownField`, `type`, … */
  rule: string;
  /** A human sentence naming the field. */
  message: string;
}

/** Input failed validation before any SQL ran; `issues` lists every failing field. */
export class ValidationError extends DalkitError {
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[], options: DalkitErrorOptions & { message?: string } = {}) {
    const message = options.message ?? `Validation failed: ${issues.map((i) => i.message).join('; ')}`;
    super(ErrorCode.VALIDATION_FAILED, message, { ...options, details: { ...options.details, issues } });
    this.issues = Object.freeze([...issues]);
  }
}

/** Which kind of constraint a {@link ConstraintViolationError} reports. */
export const ConstraintKind = {
  UNIQUE: 'unique',
  FOREIGN_KEY: 'foreign_key',
  CHECK: 'check',
  NOT_NULL: 'not_null',
  EXCLUSION: 'exclusion',
} as const;
/** Which kind of constraint was violated. */
export type ConstraintKind = (typeof ConstraintKind)[keyof typeof ConstraintKind];

const CODE_BY_KIND: Record<ConstraintKind, ErrorCode> = {
  unique: ErrorCode.UNIQUE_VIOLATION,
  foreign_key: ErrorCode.FOREIGN_KEY_VIOLATION,
  check: ErrorCode.CHECK_VIOLATION,
  not_null: ErrorCode.NOT_NULL_VIOLATION,
  exclusion: ErrorCode.EXCLUSION_VIOLATION,
};

/** What the database said about a violated constraint. */
export interface ConstraintViolation {
  kind: ConstraintKind;
  /** Constraint name, when the database reports one. */
  constraint?: string;
  /** Table name, when known. */
  table?: string;
  /** Columns involved, when known. */
  columns?: readonly string[];
}

/** A UNIQUE, FOREIGN KEY, CHECK, NOT NULL or EXCLUDE constraint rejected a write. */
export class ConstraintViolationError extends DalkitError {
  readonly kind: ConstraintKind;
  readonly constraint: string | undefined;
  readonly table: string | undefined;
  readonly columns: readonly string[];
  constructor(violation: ConstraintViolation, message: string, options: DalkitErrorOptions = {}) {
    super(CODE_BY_KIND[violation.kind], message, {
      ...options,
      details: { ...options.details, ...violation, columns: violation.columns ?? [] },
    });
    this.kind = violation.kind;
    this.constraint = violation.constraint;
    this.table = violation.table;
    this.columns = Object.freeze([...(violation.columns ?? [])]);
  }
}

/** Why a {@link TransientError} happened. */
export type TransientReason = 'serialization' | 'deadlock' | 'connection' | 'lock_timeout' | 'unavailable';

/** A failure that may succeed if retried: serialization failure, deadlock, lost connection. */
export class TransientError extends DalkitError {
  readonly reason: TransientReason;
  /** How many attempts were made before giving up (1 when never retried). */
  readonly attempts: number;
  constructor(
    reason: TransientReason,
    message: string,
    options: DalkitErrorOptions & { attempts?: number } = {},
  ) {
    super(ErrorCode.TRANSIENT, message, {
      ...options,
      details: { ...options.details, reason, attempts: options.attempts ?? 1 },
    });
    this.reason = reason;
    this.attempts = options.attempts ?? 1;
  }
}

/** A write lost a race: an optimistic-locking version was stale (code `STALE_VERSION`). */
export class ConflictError extends DalkitError {
  constructor(message: string, options: DalkitErrorOptions = {}) {
    super(ErrorCode.STALE_VERSION, message, options);
  }
}

/** A transaction was used after it ended, committed twice, or given options it cannot take. */
export class TransactionStateError extends DalkitError {
  constructor(message: string, options: DalkitErrorOptions = {}) {
    super(ErrorCode.TRANSACTION_STATE, message, options);
  }
}

/** A statement or lock wait exceeded its timeout. */
export class TimeoutError extends DalkitError {
  constructor(message: string, options: DalkitErrorOptions = {}) {
    super(ErrorCode.TIMEOUT, message, options);
  }
}

/** A database error that has no more specific class; the driver error is the `cause`. */
export class QueryError extends DalkitError {
  /** SQLSTATE (postgres) or error number (MariaDB), when the driver reported one. */
  readonly sqlState: string | undefined;
  constructor(message: string, options: DalkitErrorOptions & { sqlState?: string } = {}) {
    super(ErrorCode.QUERY_FAILED, message, {
      ...options,
      details: { ...options.details, sqlState: options.sqlState },
    });
    this.sqlState = options.sqlState;
  }
}

/** A destructive operation was refused: production without force, environment mismatch, … */
export class OperationRefusedError extends DalkitError {
  constructor(message: string, options: DalkitErrorOptions = {}) {
    super(ErrorCode.OPERATION_REFUSED, message, options);
  }
}
