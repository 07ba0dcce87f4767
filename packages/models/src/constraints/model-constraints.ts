import type { Model, ModelStatic } from 'sequelize';
import { referencedTable, tableName } from '../_internal/table-name.js';
import { getChecks } from './check.js';

/** One database constraint declared by a model, in column names, for migrations to mirror. */
export type ModelConstraint =
  | { readonly kind: 'primary_key'; readonly table: string; readonly columns: readonly string[] }
  | { readonly kind: 'not_null'; readonly table: string; readonly columns: readonly [string] }
  | {
      readonly kind: 'unique';
      readonly table: string;
      readonly name: string;
      readonly columns: readonly string[];
    }
  | { readonly kind: 'check'; readonly table: string; readonly name: string; readonly expression: string }
  | {
      readonly kind: 'foreign_key';
      readonly table: string;
      readonly columns: readonly [string];
      readonly references: { readonly table: string; readonly column: string };
      readonly onDelete: string;
      readonly onUpdate: string;
    };

interface RawIndex {
  name?: string;
  unique?: boolean;
  fields: (string | { name?: string; attribute?: string })[];
}

function indexFields(index: RawIndex): string[] {
  return index.fields.map((f) => (typeof f === 'string' ? f : (f.name ?? f.attribute ?? '')));
}

/**
 * Every constraint a registered model declares: primary key, NOT NULL columns, UNIQUE
 * (column-level, composite — e.g. a many-to-many junction's pair — and unique indexes; names
 * follow PostgreSQL's defaults), CHECK (from `@Check`) and FOREIGN KEY with its
 * ON DELETE / ON UPDATE. Migrations and schema tests compare against this list.
 */
export function modelConstraints(model: ModelStatic<Model>): ModelConstraint[] {
  const table = tableName(model);
  const attributes = Object.values(model.getAttributes());
  const field = (a: (typeof attributes)[number]) => a.field ?? '';
  const constraints: ModelConstraint[] = [
    { kind: 'primary_key', table, columns: attributes.filter((a) => a.primaryKey).map(field) },
  ];
  for (const a of attributes) {
    if (a.allowNull === false && !a.primaryKey)
      constraints.push({ kind: 'not_null', table, columns: [field(a)] });
    const target = referencedTable(a.references);
    if (target !== undefined) {
      const key = typeof a.references === 'object' ? a.references.key : undefined;
      constraints.push({
        kind: 'foreign_key',
        table,
        columns: [field(a)],
        references: { table: target, column: key ?? 'id' },
        onDelete: String(a.onDelete ?? 'NO ACTION').toUpperCase(),
        onUpdate: String(a.onUpdate ?? 'NO ACTION').toUpperCase(),
      });
    }
  }
  const uniqueKeys = (model as unknown as { uniqueKeys?: Record<string, { fields: string[] }> }).uniqueKeys;
  for (const { fields } of Object.values(uniqueKeys ?? {})) {
    constraints.push({
      kind: 'unique',
      table,
      name: `${table}_${fields.join('_')}_key`,
      columns: [...fields],
    });
  }
  for (const index of (model.options.indexes ?? []) as RawIndex[]) {
    if (index.unique)
      constraints.push({
        kind: 'unique',
        table,
        name: index.name ?? `${table}_unique`,
        columns: indexFields(index),
      });
  }
  for (const check of getChecks(model)) constraints.push({ kind: 'check', table, ...check });
  return constraints;
}
