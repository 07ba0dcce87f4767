import 'reflect-metadata';
import { addAttribute, DataType } from 'sequelize-typescript';

/** Options of {@link Encrypted}. */
export interface EncryptedOptions {
  /**
   * Adds a deterministic blind-index column `<column>_blind_index` (HMAC-SHA256, hex) so the
   * encrypted value can be found by equality with `blindIndexWhere()`.
   */
  blindIndex?: boolean | BlindIndexOptions;
}

/** Options of a blind index. */
export interface BlindIndexOptions {
  /** Applied before hashing, e.g. `(v) => v.trim().toLowerCase()` for e-mail addresses. */
  normalize?: (value: string) => string;
  /** Makes the blind-index column UNIQUE (so the plaintext is unique). @default false */
  unique?: boolean;
}

/** An encrypted attribute declared with {@link Encrypted}. */
export interface EncryptedDefinition {
  readonly attribute: string;
  /** The blind-index attribute, when there is one. */
  readonly blindIndexAttribute: string | undefined;
  readonly normalize: (value: string) => string;
}

const ENCRYPTED_KEY = Symbol.for('dalkit:encrypted');
const BLIND_INDEX_LENGTH = 64;

/**
 * Property decorator: stores the attribute as AES-256-GCM ciphertext (declare the column as
 * `DataType.TEXT`) while the application reads and writes plaintext strings. The key ring
 * comes from `registerModels(db, models, { encryption })`.
 * @example
 * ⁣@Encrypted({ blindIndex: { normalize: (v) => v.trim().toLowerCase() } })
 * ⁣@Column(DataType.TEXT)
 * declare email: string;
 */
export function Encrypted(options: EncryptedOptions = {}): PropertyDecorator {
  return (prototype, propertyName) => {
    const attribute = String(propertyName);
    const blind = options.blindIndex === true ? {} : options.blindIndex || undefined;
    const blindIndexAttribute = blind ? `${attribute}BlindIndex` : undefined;
    if (blind && blindIndexAttribute) {
      addAttribute(prototype, blindIndexAttribute, {
        type: DataType.STRING(BLIND_INDEX_LENGTH),
        allowNull: true,
        ...(blind.unique ? { unique: true } : {}),
      });
    }
    const definition: EncryptedDefinition = {
      attribute,
      blindIndexAttribute,
      normalize: blind?.normalize ?? ((value) => value),
    };
    const current = getEncryptedDefinitions(prototype).filter((d) => d.attribute !== attribute);
    Reflect.defineMetadata(ENCRYPTED_KEY, [...current, definition], prototype);
  };
}

/** The encrypted attributes declared on a model prototype. */
export function getEncryptedDefinitions(prototype: object): readonly EncryptedDefinition[] {
  return (Reflect.getMetadata(ENCRYPTED_KEY, prototype) as EncryptedDefinition[] | undefined) ?? [];
}
