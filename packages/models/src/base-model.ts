import { ConflictError } from '@dalkit/connection';
import type { CreationOptional, SaveOptions } from 'sequelize';
import { OptimisticLockError } from 'sequelize';
import { Column, DataType, Default, Model, PrimaryKey } from 'sequelize-typescript';
import { uuidv7 } from './uuid-v7.js';

/**
 * The base of every dalkit entity: a sequelize-typescript `Model` whose primary key `id` is
 * a UUID v7 made in the application (time-ordered, so inserts stay index-friendly). Use
 * {@link BigIntPrimaryKey} on `id` for an auto-increment BIGINT key instead.
 *
 * A stale optimistic-locking save (tables with `version: true`) throws `ConflictError`
 * (code `STALE_VERSION`) instead of Sequelize's `OptimisticLockError`.
 * @example
 * ⁣@Table({ tableName: 'tags' })
 * class Tag extends BaseModel<InferAttributes<Tag>, InferCreationAttributes<Tag>> {
 *   ⁣@Column(DataType.STRING(40)) declare name: string;
 * }
 */
export abstract class BaseModel<
  // biome-ignore lint/suspicious/noExplicitAny: the same default as sequelize-typescript's Model (untyped models).
  TAttributes extends {} = any,
  TCreationAttributes extends {} = TAttributes,
> extends Model<TAttributes, TCreationAttributes> {
  /** Primary key: a UUID v7 (or a BIGINT as a string with {@link BigIntPrimaryKey}). */
  @PrimaryKey
  @Default(uuidv7)
  @Column(DataType.UUID)
  declare id: CreationOptional<string>;

  /** Saves the row; a stale `version` becomes a `ConflictError` with code `STALE_VERSION`. */
  override async save(options?: SaveOptions<TAttributes>): Promise<this> {
    try {
      return await super.save(options);
    } catch (error) {
      if (error instanceof OptimisticLockError) {
        const model = (this.constructor as typeof Model).name;
        throw new ConflictError(
          `${model} ${String(this.get('id'))} was changed by someone else since it was read: reload it and retry`,
          { cause: error, details: { model, id: this.get('id') } },
        );
      }
      throw error;
    }
  }
}
