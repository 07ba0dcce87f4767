import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { ConfigError, DalkitError, ErrorCode } from '@dalkit/connection';

/** Key ring configuration: key id → 32-byte key (a Buffer, or base64 / hex text). */
export interface KeyRingConfig {
  /** Every key that may still decrypt stored data, by id (`[A-Za-z0-9_-]{1,32}`). */
  keys: Readonly<Record<string, string | Uint8Array>>;
  /** The id of the key new writes use. */
  activeKeyId: string;
  /** A separate 32-byte key for blind indexes (HMAC-SHA256); needed only by blind-indexed columns. */
  blindIndexKey?: string | Uint8Array;
}

/** Encrypts and decrypts column values; holds the keys where logs and JSON cannot see them. */
export interface KeyRing {
  /** The id of the key new writes use. */
  readonly activeKeyId: string;
  /** The ids of every key on the ring (never the keys). */
  readonly keyIds: readonly string[];
  /** AES-256-GCM with a random 96-bit IV; `context` is bound as associated data. */
  encrypt(plaintext: string, context: string): string;
  /** Decrypts an envelope from {@link KeyRing.encrypt}; throws `ENCRYPTION_FAILED` on any failure. */
  decrypt(envelope: string, context: string): string;
  /** The key id an envelope was written with, or undefined if it is not an envelope. */
  keyIdOf(envelope: string): string | undefined;
  /** Deterministic HMAC-SHA256 (hex) of `value` for equality lookups. */
  blindIndex(value: string, context: string): string;
}

const VERSION = 'dk1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function encryptionFailed(message: string, details: Record<string, unknown>, cause?: unknown): DalkitError {
  return new DalkitError(ErrorCode.ENCRYPTION_FAILED, message, { details, cause });
}

function toKey(key: string | Uint8Array, name: string): Buffer {
  const bytes =
    typeof key === 'string'
      ? Buffer.from(key, /^[0-9a-fA-F]{64}$/.test(key) ? 'hex' : 'base64')
      : Buffer.from(key);
  if (bytes.length !== KEY_BYTES) {
    throw new ConfigError([
      {
        key: name,
        source: 'key ring',
        expected: `a ${KEY_BYTES}-byte key (base64 or hex)`,
        received: `${bytes.length} bytes`,
      },
    ]);
  }
  return bytes;
}

function validateConfig(config: KeyRingConfig): void {
  for (const id of Object.keys(config.keys)) {
    if (!KEY_ID.test(id)) {
      throw new ConfigError([
        { key: 'keys', source: 'key ring', expected: 'key ids matching [A-Za-z0-9_-]{1,32}', received: id },
      ]);
    }
  }
  if (!Object.hasOwn(config.keys, config.activeKeyId)) {
    throw new ConfigError([
      {
        key: 'activeKeyId',
        source: 'key ring',
        expected: 'the id of a key on the ring',
        received: config.activeKeyId,
      },
    ]);
  }
}

function parse(envelope: string): { keyId: string; iv: Buffer; tag: Buffer; data: Buffer } | undefined {
  const parts = envelope.split(':');
  if (parts.length !== 5 || parts[0] !== VERSION) return undefined;
  const [, keyId = '', iv = '', tag = '', data = ''] = parts;
  const decoded = {
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
    data: Buffer.from(data, 'base64url'),
  };
  if (!KEY_ID.test(keyId) || decoded.iv.length !== IV_BYTES || decoded.tag.length !== TAG_BYTES)
    return undefined;
  return decoded;
}

/**
 * Builds a key ring from configuration. Envelopes read `dk1:<keyId>:<iv>:<tag>:<ciphertext>`
 * (base64url parts), so old rows keep naming the key that decrypts them. Keys live in a
 * closure: the ring prints and serialises as its key ids only.
 */
export function createKeyRing(config: KeyRingConfig): KeyRing {
  validateConfig(config);
  const keys = new Map(Object.entries(config.keys).map(([id, key]) => [id, toKey(key, `keys.${id}`)]));
  const blindKey =
    config.blindIndexKey === undefined ? undefined : toKey(config.blindIndexKey, 'blindIndexKey');
  const { activeKeyId } = config;
  const describe = () => ({ activeKeyId, keyIds: [...keys.keys()] });
  return Object.freeze({
    activeKeyId,
    keyIds: Object.freeze([...keys.keys()]),
    encrypt(plaintext: string, context: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keys.get(activeKeyId) as Buffer, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'));
      return [VERSION, activeKeyId, ...parts].join(':');
    },
    decrypt(envelope: string, context: string): string {
      const parsed = typeof envelope === 'string' ? parse(envelope) : undefined;
      if (!parsed) throw encryptionFailed(`${context} does not hold a dalkit ciphertext`, { context });
      const key = keys.get(parsed.keyId);
      if (!key) {
        throw encryptionFailed(
          `${context} was encrypted with key "${parsed.keyId}", which is not on the key ring`,
          {
            context,
            keyId: parsed.keyId,
          },
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, parsed.iv);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(parsed.tag);
        return Buffer.concat([decipher.update(parsed.data), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw encryptionFailed(
          `${context} could not be decrypted: wrong key or tampered data`,
          { context, keyId: parsed.keyId },
          cause,
        );
      }
    },
    keyIdOf(envelope: string): string | undefined {
      return typeof envelope === 'string' ? parse(envelope)?.keyId : undefined;
    },
    blindIndex(value: string, context: string): string {
      if (!blindKey)
        throw encryptionFailed(`${context} has a blind index but the key ring has no blindIndexKey`, {
          context,
        });
      return createHmac('sha256', blindKey)
        .update(context)
        .update('\u0000')
        .update(value, 'utf8')
        .digest('hex');
    },
    toJSON: describe,
    [Symbol.for('nodejs.util.inspect.custom')]: () => `KeyRing ${JSON.stringify(describe())}`,
  });
}
