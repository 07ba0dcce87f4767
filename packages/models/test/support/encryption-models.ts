import type { CreationOptional, InferAttributes, InferCreationAttributes } from 'sequelize';
import { Column, DataType, Table } from 'sequelize-typescript';
import { AuditedModel, Encrypted, type KeyRingConfig, Rules } from '../../src/index.js';

/** A model with an encrypted, blind-indexed, validated e-mail and an encrypted free-text column. */
@Table({ tableName: 'patients' })
export class Patient extends AuditedModel<InferAttributes<Patient>, InferCreationAttributes<Patient>> {
  @Column(DataType.STRING(100))
  declare name: string;

  @Rules({ required: true, email: true })
  @Encrypted({ blindIndex: { normalize: (v) => v.trim().toLowerCase(), unique: true } })
  @Column(DataType.TEXT)
  declare email: string;

  @Encrypted()
  @Column(DataType.TEXT)
  declare diagnosis: CreationOptional<string | null>;

  declare emailBlindIndex: CreationOptional<string | null>;
}

export const KEY_1 = Buffer.alloc(32, 11).toString('base64');
export const KEY_2 = Buffer.alloc(32, 22).toString('base64');
export const BLIND = Buffer.alloc(32, 33).toString('base64');
export const RING_1: KeyRingConfig = { keys: { k1: KEY_1 }, activeKeyId: 'k1', blindIndexKey: BLIND };
export const RING_2: KeyRingConfig = {
  keys: { k1: KEY_1, k2: KEY_2 },
  activeKeyId: 'k2',
  blindIndexKey: BLIND,
};
export const RING_2_ONLY: KeyRingConfig = { keys: { k2: KEY_2 }, activeKeyId: 'k2', blindIndexKey: BLIND };
