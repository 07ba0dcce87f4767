import { ValidationError } from '@dalkit/connection';
import { Utils } from 'sequelize';
import { assertIdentifier, parseTableName, type TableName } from '../_internal/identifiers.js';
import type { SeedModel, SeedRow, WriteTarget } from '../types.js';

/** How rows of one write map to the table's columns. */
export interface RowShape {
  table: TableName;
  /** Database column names, in statement order. */
  columns: readonly string[];
  /** The value of each column for one row, in `columns` order; absent when row keys are the columns. */
  values?: (row: SeedRow) => unknown[];
  /** Database column names of the given keys (attribute names for a model). */
  columnsOf(keys: readonly string[], path: string): string[];
}

function isModel(target: WriteTarget): target is SeedModel {
  return typeof target === 'function' && typeof (target as SeedModel).getTableName === 'function';
}

function modelTableName(model: SeedModel): TableName {
  const name = model.getTableName() as string | { tableName: string; schema?: string };
  return typeof name === 'string'
    ? parseTableName(name)
    : parseTableName(name.schema ? `${name.schema}.${name.tableName}` : name.tableName);
}

function tableShape(table: TableName, keys: readonly string[]): RowShape {
  for (const [i, key] of keys.entries()) assertIdentifier(key, `columns[${i}]`);
  return {
    table,
    columns: keys,
    columnsOf(list, path) {
      for (const [i, key] of list.entries()) assertIdentifier(key, `${path}[${i}]`);
      return [...list];
    },
  };
}

function modelShape(model: SeedModel, keys: readonly string[]): RowShape {
  const attributes = model.getAttributes() as Record<
    string,
    { field?: string; defaultValue?: unknown; autoIncrement?: boolean }
  >;
  const fieldOf = (key: string, path: string): string => {
    const attribute = attributes[key];
    if (!attribute) {
      throw new ValidationError([
        {
          path,
          rule: 'unknownField',
          message: `${path}: ${model.name} has no attribute ${JSON.stringify(key)}`,
        },
      ]);
    }
    const field = attribute.field ?? key;
    assertIdentifier(field, path);
    return field;
  };
  const written = keys.map((k, i) => ({ key: k, field: fieldOf(k, `columns[${i}]`) }));
  const { createdAt, updatedAt } = (model as unknown as { _timestampAttributes: Record<string, string> })
    ._timestampAttributes;
  const now = new Date();
  const filled = Object.entries(attributes)
    .filter(([key, a]) => !keys.includes(key) && !a.autoIncrement)
    .flatMap(([key, a]) => {
      if (key === createdAt || key === updatedAt) return [{ field: fieldOf(key, key), make: () => now }];
      if (a.defaultValue === undefined) return [];
      return [{ field: fieldOf(key, key), make: () => Utils.toDefaultValue(a.defaultValue) }];
    });
  return {
    table: modelTableName(model),
    columns: [...written.map((w) => w.field), ...filled.map((f) => f.field)],
    values: (row) => [...written.map((w) => row[w.key] ?? null), ...filled.map((f) => f.make())],
    columnsOf: (list, path) => list.map((key, i) => fieldOf(key, `${path}[${i}]`)),
  };
}

/**
 * Maps a write's rows to table columns. For a table name, row keys are column names; for a
 * model, they are attribute names (mapped to their `field`), and timestamps and attribute
 * defaults missing from the rows are filled in as `Model.create` would.
 */
export function resolveRowShape(
  target: WriteTarget,
  firstRow: SeedRow,
  columns?: readonly string[],
): RowShape {
  const keys = columns ?? Object.keys(firstRow);
  if (keys.length === 0) {
    throw new ValidationError([
      {
        path: 'columns',
        rule: 'required',
        message: 'columns: the first row has no keys and no columns were given',
      },
    ]);
  }
  return isModel(target) ? modelShape(target, keys) : tableShape(parseTableName(target), keys);
}
