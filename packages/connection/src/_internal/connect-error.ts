import { isDalkitError } from '../errors/dalkit-error.js';
import { driverError } from './driver-error.js';

const PERMANENT_CODES = new Set([
  '3D000', // database does not exist
  'ER_BAD_DB_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'HANDSHAKE_NO_SSL_SUPPORT',
]);

/**
 * False for failures that waiting cannot fix: bad credentials (SQLSTATE 28xxx), a missing
 * database, a TLS mismatch or certificate error, a missing driver package.
 */
export function isRetryableConnectError(error: unknown): boolean {
  if (isDalkitError(error)) return false;
  const { code, sqlState, message } = driverError(error);
  // SQLSTATE class 28: invalid authorization (PostgreSQL's code, MySQL's sqlState).
  if ([code, sqlState].some((c) => c?.startsWith('28'))) return false;
  if (code !== undefined && (code.startsWith('ER_ACCESS_DENIED') || PERMANENT_CODES.has(code))) return false;
  return !/does not support SSL|does not support secure connection|password authentication failed|no pg_hba\.conf entry/i.test(
    message,
  );
}

/** A one-line description of a connect failure, with a hint for the common ones. */
export function describeConnectError(error: unknown): string {
  const { code, message } = driverError(error);
  const text = code && !message.includes(code) ? `${message} [${code}]` : message;
  if (/does not support SSL|does not support secure connection/i.test(message)) {
    return `${text}: TLS was required (sslmode) but the server does not offer it; use sslmode=disable or enable ssl on the server`;
  }
  if (code === 'ECONNREFUSED') return `${text}: nothing is listening there (is the server running?)`;
  return text;
}
