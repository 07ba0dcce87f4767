import { DalkitError, ErrorCode } from '@dalkit/connection';
import type { Model, ModelStatic } from 'sequelize';
import type { EncryptedDefinition } from './encrypted.js';
import type { KeyRing } from './key-ring.js';

/** An encrypted attribute of a registered model, bound to its key ring and context. */
export interface EncryptedColumn extends EncryptedDefinition {
  readonly ring: KeyRing;
  /** `<table>.<column>`: bound into every ciphertext and blind index of the column. */
  readonly context: string;
}

const bindings = new WeakMap<object, Map<string, EncryptedColumn>>();

/** Binds a model's encrypted attributes to a key ring (done by `registerModels`). */
export function bindEncryptedColumns(model: ModelStatic<Model>, columns: readonly EncryptedColumn[]): void {
  bindings.set(model, new Map(columns.map((c) => [c.attribute, c])));
}

/** The encrypted attributes of a registered model. */
export function encryptedColumns(model: object): readonly EncryptedColumn[] {
  return [...(bindings.get(model)?.values() ?? [])];
}

/** One encrypted attribute of a registered model; throws `ENCRYPTION_FAILED` when unbound. */
export function encryptedColumn(model: object, attribute: string): EncryptedColumn {
  const column = bindings.get(model)?.get(attribute);
  if (!column) {
    const name = (model as { name?: string }).name ?? 'model';
    throw new DalkitError(
      ErrorCode.ENCRYPTION_FAILED,
      `${name}.${attribute} is not an encrypted attribute with a key ring: pass { encryption } to registerModels`,
      { details: { model: name, attribute } },
    );
  }
  return column;
}
