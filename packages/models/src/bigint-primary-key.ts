import { addAttribute, DataType, type Model } from 'sequelize-typescript';

/**
 * Property decorator: makes `id` an auto-increment BIGINT primary key instead of a UUID v7.
 * The value reads as a string (as PostgreSQL returns BIGINT), so ids beyond 2^53 stay exact
 * and the type stays `string` on every dialect.
 * @example
 * ⁣@Table({ tableName: 'events' })
 * class Event extends AuditedModel<InferAttributes<Event>, InferCreationAttributes<Event>> {
 *   ⁣@BigIntPrimaryKey declare id: CreationOptional<string>;
 * }
 */
export function BigIntPrimaryKey(target: object, propertyName: string): void {
  addAttribute(target, propertyName, {
    type: DataType.BIGINT,
    primaryKey: true,
    autoIncrement: true,
    get(this: Model) {
      const value = this.getDataValue(propertyName as never) as unknown;
      return value === null || value === undefined ? value : String(value);
    },
  });
}
