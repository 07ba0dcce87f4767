import type { CreationOptional } from 'sequelize';
import { Column, CreatedAt, DataType, UpdatedAt } from 'sequelize-typescript';
import { BaseModel } from './base-model.js';

/** Longest acting-user id that `created_by` / `updated_by` hold. */
export const ACTOR_ID_MAX_LENGTH = 64;

/**
 * A {@link BaseModel} with audit columns: `created_at` and `updated_at` (timestamps with time
 * zone on PostgreSQL, set by Sequelize), and `created_by` / `updated_by` (nullable, filled
 * from the acting user of {@link runAs} by the hooks `registerModels` installs).
 */
export abstract class AuditedModel<
  // biome-ignore lint/suspicious/noExplicitAny: the same default as sequelize-typescript's Model (untyped models).
  TAttributes extends {} = any,
  TCreationAttributes extends {} = TAttributes,
> extends BaseModel<TAttributes, TCreationAttributes> {
  /** When the row was inserted. */
  @CreatedAt
  @Column(DataType.DATE)
  declare createdAt: CreationOptional<Date>;

  /** When the row was last updated. */
  @UpdatedAt
  @Column(DataType.DATE)
  declare updatedAt: CreationOptional<Date>;

  /** Who inserted the row (the acting user), or null. */
  @Column(DataType.STRING(ACTOR_ID_MAX_LENGTH))
  declare createdBy: CreationOptional<string | null>;

  /** Who last updated the row (the acting user), or null. */
  @Column(DataType.STRING(ACTOR_ID_MAX_LENGTH))
  declare updatedBy: CreationOptional<string | null>;
}
