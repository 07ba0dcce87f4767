import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '@dalkit/connection';

/** What a keyset cursor carries: the sort key values of one row and the sort shape it belongs to. */
export interface CursorPayload {
  /** Fingerprint of model + sort order; a cursor from another listing is refused. */
  readonly shape: string;
  readonly values: readonly unknown[];
}

const MAX_CURSOR_LENGTH = 2048;

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

function encodeValue(value: unknown): unknown {
  return value instanceof Date ? { d: value.toISOString() } : value;
}

function decodeValue(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && typeof (value as { d?: unknown }).d === 'string') {
    return new Date((value as { d: string }).d);
  }
  return value;
}

/** Encodes and HMAC-signs a cursor: `base64url(json).signature`. */
export function encodeCursor(secret: string, payload: CursorPayload): string {
  const body = Buffer.from(JSON.stringify({ s: payload.shape, v: payload.values.map(encodeValue) })).toString(
    'base64url',
  );
  return `${body}.${sign(secret, body)}`;
}

function refuse(path: string): never {
  throw new ValidationError([
    { path, rule: 'cursor', message: `${path} is not a valid cursor for this listing` },
  ]);
}

/** Verifies and decodes a cursor; a tampered, foreign or malformed one is a ValidationError naming `path`. */
export function decodeCursor(
  secret: string,
  cursor: unknown,
  shape: string,
  width: number,
  path: string,
): unknown[] {
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH) refuse(path);
  const [body, signature, extra] = cursor.split('.');
  if (!body || !signature || extra !== undefined) refuse(path);
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) refuse(path);
  let parsed: { s?: unknown; v?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    refuse(path);
  }
  if (parsed.s !== shape || !Array.isArray(parsed.v) || parsed.v.length !== width) refuse(path);
  return parsed.v.map(decodeValue);
}
