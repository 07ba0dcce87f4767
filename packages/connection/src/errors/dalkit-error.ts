import type { ErrorCode } from './codes.js';

const BRAND = Symbol.for('dalkit.error');

/** Options every dalkit error takes. */
export interface DalkitErrorOptions {
  /** The error that caused this one (a driver error, a failed attempt). */
  cause?: unknown;
  /** Safe, JSON-serialisable facts about the failure; never secrets, never row values. */
  details?: Record<string, unknown>;
}

/**
 * The base of every error dalkit throws: a stable string `code`, the original `cause`, and
 * `details` that are safe to log or return to a client.
 */
export class DalkitError extends Error {
  /** Stable machine-readable code; see {@link ErrorCode}. */
  readonly code: ErrorCode;
  /** Safe, JSON-serialisable facts about the failure. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: DalkitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = Object.freeze({ ...options.details });
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A plain object for logs and API responses: name, code, message and details, no stack. */
  toJSON(): { name: string; code: ErrorCode; message: string; details: Readonly<Record<string, unknown>> } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

/**
 * True when `error` is a dalkit error (optionally with the given code). Works across two
 * installed copies of the package, where `instanceof` would not.
 */
export function isDalkitError(error: unknown, code?: ErrorCode): error is DalkitError {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as Record<symbol, unknown>)[BRAND] !== true) return false;
  return code === undefined || (error as DalkitError).code === code;
}
