import { ValidationError } from '@dalkit/connection';
import type { Model } from 'sequelize';
import type { EncryptedDefinition } from './encrypted.js';
import { type EncryptedColumn, encryptedColumn } from './encryption-binding.js';

/** Last decryption per row and attribute: repeated reads of an unchanged value decrypt once. */
const decrypted = new WeakMap<object, Map<string, { stored: string; plaintext: string }>>();

function decryptCached(row: object, column: EncryptedColumn, stored: string): string {
  let cache = decrypted.get(row);
  const hit = cache?.get(column.attribute);
  if (hit && hit.stored === stored) return hit.plaintext;
  const plaintext = column.ring.decrypt(stored, column.context);
  if (!cache) {
    cache = new Map();
    decrypted.set(row, cache);
  }
  cache.set(column.attribute, { stored, plaintext });
  return plaintext;
}

type Row = Model & { getDataValue(key: string): unknown; setDataValue(key: string, value: unknown): void };

function sameAsStored(column: EncryptedColumn, stored: unknown, plaintext: string): boolean {
  if (typeof stored !== 'string' || column.ring.keyIdOf(stored) !== column.ring.activeKeyId) return false;
  try {
    return column.ring.decrypt(stored, column.context) === plaintext;
  } catch {
    return false;
  }
}

/**
 * The `get` / `set` pair of an encrypted attribute: the row holds ciphertext (what the
 * database stores and `raw` queries return), reads decrypt, writes encrypt and refresh the
 * blind index. Writing the plaintext already stored keeps the ciphertext (no spurious update).
 */
export function encryptedAccessors(definition: EncryptedDefinition): {
  get(this: Model): unknown;
  set(this: Model, value: unknown): void;
} {
  const { attribute, blindIndexAttribute } = definition;
  return {
    get(this: Model) {
      const stored = (this as Row).getDataValue(attribute);
      if (stored === null || stored === undefined) return stored;
      return decryptCached(this, encryptedColumn(this.constructor, attribute), stored as string);
    },
    set(this: Model, value: unknown) {
      const row = this as Row;
      if (value === null || value === undefined) {
        row.setDataValue(attribute, value);
        if (blindIndexAttribute) row.setDataValue(blindIndexAttribute, null);
        return;
      }
      if (typeof value !== 'string') {
        throw new ValidationError([
          { path: attribute, rule: 'type', message: `${attribute} must be a string` },
        ]);
      }
      const column = encryptedColumn(this.constructor, attribute);
      if (!sameAsStored(column, row.getDataValue(attribute), value)) {
        row.setDataValue(attribute, column.ring.encrypt(value, column.context));
      }
      if (blindIndexAttribute) {
        row.setDataValue(
          blindIndexAttribute,
          column.ring.blindIndex(column.normalize(value), column.context),
        );
      }
    },
  };
}
