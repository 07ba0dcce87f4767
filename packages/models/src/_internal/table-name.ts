import type { Model, ModelStatic } from 'sequelize';

/** A registered model's table name, without schema. */
export function tableName(model: ModelStatic<Model>): string {
  const table = model.getTableName() as string | { tableName: string };
  return typeof table === 'string' ? table : table.tableName;
}

/** The table a column's `references` points at, or undefined when it references nothing. */
export function referencedTable(references: unknown): string | undefined {
  if (typeof references === 'string') return references;
  if (typeof references !== 'object' || references === null) return undefined;
  const target = (references as { model?: unknown }).model;
  if (typeof target === 'string') return target;
  return typeof target === 'object' && target !== null && 'tableName' in target
    ? String(target.tableName)
    : undefined;
}
