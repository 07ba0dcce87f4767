/**
 * PENDING: stands in for @dalkit/models (issue 5): audited base model, `runAs`, encrypted
 * columns and blind indexes. Delete once the package lands.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { DalkitError } from '@dalkit/connection';
import {
  Column,
  CreatedAt,
  DataType,
  Model,
  type ModelCtor,
  type Sequelize,
  UpdatedAt,
} from 'sequelize-typescript';

const actor = new AsyncLocalStorage<string | null>();

/** Runs `fn` with `actorId` as the acting user: creates and updates fill created_by / updated_by. */
export function runAs<T>(actorId: string | null, fn: () => Promise<T>): Promise<T> {
  return actor.run(actorId, fn);
}

/** The acting user of the current async context. */
export function currentActor(): string | null {
  return actor.getStore() ?? null;
}

/** A time-ordered UUID (version 7). */
export function uuidv7(): string {
  const bytes = randomBytes(16);
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Base of every entity: UUID v7 `id`, `created_at`/`updated_at`, `created_by`/`updated_by`. */
export abstract class AuditedModel extends Model {
  @Column({ type: DataType.UUID, primaryKey: true, defaultValue: uuidv7 })
  declare id: string;
  @CreatedAt
  @Column({ type: DataType.DATE, field: 'created_at' })
  declare createdAt: Date;
  @UpdatedAt
  @Column({ type: DataType.DATE, field: 'updated_at' })
  declare updatedAt: Date;
  @Column({ type: DataType.UUID, field: 'created_by' })
  declare createdBy: string | null;
  @Column({ type: DataType.UUID, field: 'updated_by' })
  declare updatedBy: string | null;
}

/** Registers models and the audit hooks on `sequelize`. */
export function registerModels(sequelize: Sequelize, models: ModelCtor[]): void {
  sequelize.addModels(models);
  sequelize.addHook('beforeCreate', (instance: Model) => {
    const who = currentActor();
    if (who && 'createdBy' in instance && instance.get('createdBy') == null) {
      instance.set('createdBy', who);
      instance.set('updatedBy', who);
    }
  });
  sequelize.addHook('beforeUpdate', (instance: Model) => {
    const who = currentActor();
    if (who && 'updatedBy' in instance) instance.set('updatedBy', who);
  });
  sequelize.addHook('beforeBulkCreate', (instances: Model[]) => {
    const who = currentActor();
    if (!who) return;
    for (const instance of instances) {
      if (instance.get('createdBy') == null) instance.set({ createdBy: who, updatedBy: who });
    }
  });
}

/** The key ring for encrypted columns. */
export interface KeyRing {
  keys: Readonly<Record<string, Buffer>>;
  activeKeyId: string;
  blindIndexKey: Buffer;
}

let ring: KeyRing | undefined;

/** Installs the key ring used by {@link encrypt}, {@link decrypt} and {@link blindIndex}. */
export function configureEncryption(keyRing: KeyRing): void {
  ring = keyRing;
}

function keyRing(): KeyRing {
  if (!ring) throw new DalkitError('ENCRYPTION_FAILED', 'No encryption key ring is configured');
  return ring;
}

/** AES-256-GCM: `<keyId>:<base64(iv | tag | ciphertext)>`. */
export function encrypt(plain: string): string {
  const { keys, activeKeyId } = keyRing();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys[activeKeyId] as Buffer, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${activeKeyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** Reverses {@link encrypt}; a wrong key or tampered value is an `ENCRYPTION_FAILED` error. */
export function decrypt(stored: string): string {
  const [keyId, b64] = stored.split(':');
  const key = keyRing().keys[keyId ?? ''];
  if (!key || !b64) throw new DalkitError('ENCRYPTION_FAILED', `No key "${keyId}" to decrypt a value`);
  const raw = Buffer.from(b64, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new DalkitError('ENCRYPTION_FAILED', 'An encrypted value failed authentication', { cause });
  }
}

/** Deterministic HMAC-SHA256 of a normalised value, for equality lookups on encrypted data. */
export function blindIndex(value: string): string {
  return createHmac('sha256', keyRing().blindIndexKey).update(value.trim().toLowerCase()).digest('hex');
}
