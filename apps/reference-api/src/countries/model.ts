import { Column, DataType, Table } from 'sequelize-typescript';
import { AuditedModel } from '../_pending/models.js';

/** An ISO 3166-1 country (reference data loaded by the `countries` seed). */
@Table({ tableName: 'countries', underscored: true })
export class Country extends AuditedModel {
  /** ISO 3166-1 alpha-2 code, upper case. */
  @Column({ type: DataType.CHAR(2), allowNull: false, unique: true })
  declare code: string;
  @Column({ type: DataType.STRING(100), allowNull: false })
  declare name: string;
}
