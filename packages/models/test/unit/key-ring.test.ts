import { inspect } from 'node:util';
import { ErrorCode, isDalkitError } from '@dalkit/connection';
import { describe, expect, it } from 'vitest';
import { createKeyRing } from '../../src/index.js';

const K1 = Buffer.alloc(32, 1).toString('base64');
const K2 = Buffer.alloc(32, 2).toString('hex');
const BLIND = Buffer.alloc(32, 9);

function failure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('createKeyRing', () => {
  const ring = createKeyRing({ keys: { k1: K1, k2: K2 }, activeKeyId: 'k2', blindIndexKey: BLIND });

  it('should round-trip plaintext and name the active key in the envelope', () => {
    const envelope = ring.encrypt('secret ✓', 'users.email');
    expect(envelope.startsWith('dk1:k2:')).toBe(true);
    expect(envelope).not.toContain('secret');
    expect(ring.keyIdOf(envelope)).toBe('k2');
    expect(ring.decrypt(envelope, 'users.email')).toBe('secret ✓');
  });

  it('should use a fresh IV for every encryption', () => {
    expect(ring.encrypt('same', 'c')).not.toBe(ring.encrypt('same', 'c'));
  });

  it('should decrypt values written with an older key', () => {
    const old = createKeyRing({ keys: { k1: K1 }, activeKeyId: 'k1' }).encrypt('old', 'c');
    expect(ring.decrypt(old, 'c')).toBe('old');
  });

  it('should fail with ENCRYPTION_FAILED for tampered data, another column, a missing key or garbage', () => {
    const envelope = ring.encrypt('value', 'users.email');
    const parts = envelope.split(':');
    const data = Buffer.from(parts[4] ?? '', 'base64url');
    data[0] = (data[0] ?? 0) ^ 1;
    const tampered = [...parts.slice(0, 4), data.toString('base64url')].join(':');
    const onlyK1 = createKeyRing({ keys: { k1: K1 }, activeKeyId: 'k1' });
    for (const attempt of [
      () => ring.decrypt(tampered, 'users.email'),
      () => ring.decrypt(envelope, 'users.phone'),
      () => onlyK1.decrypt(envelope, 'users.email'),
      () => ring.decrypt('plain text', 'users.email'),
    ]) {
      expect(isDalkitError(failure(attempt), ErrorCode.ENCRYPTION_FAILED)).toBe(true);
    }
    expect((failure(() => onlyK1.decrypt(envelope, 'users.email')) as Error).message).toContain('"k2"');
  });

  it('should fail with a wrong key of the same id', () => {
    const other = createKeyRing({ keys: { k2: Buffer.alloc(32, 7) }, activeKeyId: 'k2' });
    const error = failure(() => other.decrypt(ring.encrypt('v', 'c'), 'c'));
    expect(error).toMatchObject({
      code: 'ENCRYPTION_FAILED',
      message: 'c could not be decrypted: wrong key or tampered data',
    });
  });

  it('should make deterministic blind indexes that depend on the column', () => {
    expect(ring.blindIndex('a@b.c', 'users.email')).toBe(ring.blindIndex('a@b.c', 'users.email'));
    expect(ring.blindIndex('a@b.c', 'users.email')).toMatch(/^[0-9a-f]{64}$/);
    expect(ring.blindIndex('a@b.c', 'users.email')).not.toBe(ring.blindIndex('a@b.c', 'admins.email'));
  });

  it('should refuse a blind index without a blind-index key', () => {
    const noBlind = createKeyRing({ keys: { k1: K1 }, activeKeyId: 'k1' });
    expect(failure(() => noBlind.blindIndex('x', 'c'))).toMatchObject({ code: 'ENCRYPTION_FAILED' });
  });

  it('should never show its keys when logged or serialised', () => {
    const shown = `${inspect(ring)} ${JSON.stringify(ring)} ${JSON.stringify(Object.entries(ring))}`;
    for (const key of [
      K1,
      K2,
      BLIND.toString('base64'),
      BLIND.toString('hex'),
      Buffer.from(K2, 'hex').toString('base64'),
    ]) {
      expect(shown).not.toContain(key);
    }
    expect(shown).toContain('k1');
  });

  it('should refuse bad configuration with CONFIG_INVALID', () => {
    expect(failure(() => createKeyRing({ keys: { k1: 'c2hvcnQ=' }, activeKeyId: 'k1' }))).toMatchObject({
      code: 'CONFIG_INVALID',
    });
    expect(failure(() => createKeyRing({ keys: { k1: K1 }, activeKeyId: 'k9' }))).toMatchObject({
      code: 'CONFIG_INVALID',
    });
    expect(failure(() => createKeyRing({ keys: { 'bad id': K1 }, activeKeyId: 'bad id' }))).toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});
