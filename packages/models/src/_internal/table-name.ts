import type { Model, ModelStatic } from 'sequelize';

/** A registered model's table name, without schema. */
export function tableName(model: ModelStatic<Model>): string {
  const table = model.getTableName() as string | { tableName: string };
  return typeof table === 'string' ? table : table.tableName;
}
