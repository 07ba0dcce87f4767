import type { Model, ModelStatic } from 'sequelize';
import { Utils } from 'sequelize';
import { getEncryptedDefinitions } from '../encryption/encrypted.js';
import { getForeignKeyDefinitions, resolveTarget } from '../relations/foreign-key-column.js';
import { tableName } from './table-name.js';

interface IndexedModel {
  _indexes: { fields: unknown[] }[];
  _conformIndex(index: object): object;
  options: { indexes?: object[] };
  uniqueKeys?: Record<string, { fields: string[] }>;
}

function firstField(field: unknown): unknown {
  return typeof field === 'object' && field !== null
    ? ((field as { name?: string }).name ?? (field as { attribute?: string }).attribute)
    : field;
}

/** True when an index, the primary key or a unique constraint starts with `column`. */
export function isIndexed(model: ModelStatic<Model>, column: string): boolean {
  const m = model as unknown as IndexedModel;
  const attributes = Object.values(model.getAttributes());
  const pkFields = attributes.filter((a) => a.primaryKey).map((a) => a.field);
  if (pkFields[0] === column) return true;
  if (attributes.some((a) => a.field === column && a.unique)) return true;
  if (Object.values(m.uniqueKeys ?? {}).some((u) => u.fields[0] === column)) return true;
  return m._indexes.some((index) => firstField(index.fields[0]) === column);
}

function ensureIndex(model: ModelStatic<Model>, attribute: string): void {
  const column = model.getAttributes()[attribute as never]?.field;
  if (!column || isIndexed(model, column)) return;
  const m = model as unknown as IndexedModel;
  const index = { fields: [column] };
  m.options.indexes = [...(m.options.indexes ?? []), index];
  m._indexes.push(
    (Utils as unknown as { nameIndex(i: object, t: string): never }).nameIndex(
      m._conformIndex({ ...index }) as never,
      tableName(model),
    ) as never,
  );
}

/**
 * After associations exist: applies each `@ForeignKeyColumn`'s REFERENCES and declared
 * ON DELETE / ON UPDATE (association defaults never win), and indexes every foreign key and
 * blind-index column that no index, primary key or unique constraint covers yet.
 */
export function finalizeModel(model: ModelStatic<Model>): void {
  const attributes = model.getAttributes() as unknown as Record<string, Record<string, unknown>>;
  for (const fk of getForeignKeyDefinitions(model.prototype)) {
    const target = resolveTarget(fk) as unknown as ModelStatic<Model>;
    const column = attributes[fk.attribute];
    if (!column) continue;
    column.references = {
      model: target.getTableName(),
      key: (target as unknown as { primaryKeyField: string }).primaryKeyField,
    };
    column.onDelete = fk.onDelete;
    column.onUpdate = fk.onUpdate;
  }
  (model as unknown as { refreshAttributes(): void }).refreshAttributes();
  for (const fk of getForeignKeyDefinitions(model.prototype)) ensureIndex(model, fk.attribute);
  for (const encrypted of getEncryptedDefinitions(model.prototype)) {
    if (encrypted.blindIndexAttribute) ensureIndex(model, encrypted.blindIndexAttribute);
  }
}
