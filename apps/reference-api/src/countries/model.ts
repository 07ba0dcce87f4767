import { AuditedModel } from '@dalkit/models';
import type { InferAttributes, InferCreationAttributes } from 'sequelize';
import { Column, DataType, Table } from 'sequelize-typescript';

/** An ISO 3166-1 country (reference data loaded by the `countries` seed). */
@Table({ tableName: 'countries' })
export class Country extends AuditedModel<InferAttributes<Country>, InferCreationAttributes<Country>> {
  /** ISO 3166-1 alpha-2 code, upper case: the natural key. */
  @Column({ type: DataType.CHAR(2), allowNull: false, unique: true })
  declare code: string;

  @Column({ type: DataType.STRING(100), allowNull: false })
  declare name: string;
}
