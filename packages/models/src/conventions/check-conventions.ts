import type { Model, ModelStatic } from 'sequelize';
import { isIndexed } from '../_internal/finalize-model.js';
import {
  isPluralName,
  isSnakeCase,
  pluralizeName,
  singularizeName,
  toSnakeCase,
} from '../_internal/inflection.js';
import { type DatabaseLike, resolveSequelize } from '../_internal/resolve-sequelize.js';
import { referencedTable, tableName } from '../_internal/table-name.js';

/** The naming and schema rules {@link checkConventions} enforces. */
export const ConventionRule = {
  TABLE_SNAKE_CASE: 'table_snake_case',
  TABLE_PLURAL: 'table_plural',
  COLUMN_SNAKE_CASE: 'column_snake_case',
  FOREIGN_KEY_NAME: 'foreign_key_name',
  FOREIGN_KEY_INDEX: 'foreign_key_index',
  AUDIT_COLUMNS: 'audit_columns',
} as const;
/** One of the {@link ConventionRule}s. */
export type ConventionRule = (typeof ConventionRule)[keyof typeof ConventionRule];

/** One broken convention, with the change that fixes it. */
export interface ConventionViolation {
  readonly table: string;
  /** The column concerned; absent for table-level rules. */
  readonly column?: string;
  readonly rule: ConventionRule;
  /** What to change, e.g. `rename the column to author_id`. */
  readonly fix: string;
}

/** Options of {@link checkConventions}. */
export interface CheckConventionsOptions {
  /** Only these models. @default every model registered on the database */
  models?: readonly ModelStatic<Model>[];
  /** Accepted exceptions: a table (all rules), or a table + rule (+ column). */
  ignore?: readonly { table: string; rule?: ConventionRule; column?: string }[];
}

/** The audit columns every entity table carries. */
export const AUDIT_COLUMNS = ['created_at', 'updated_at', 'created_by', 'updated_by'] as const;

function checkTable(table: string): ConventionViolation[] {
  if (!isSnakeCase(table)) {
    return [
      {
        table,
        rule: ConventionRule.TABLE_SNAKE_CASE,
        fix: `rename the table to ${pluralizeName(toSnakeCase(table))}`,
      },
    ];
  }
  return isPluralName(table)
    ? []
    : [{ table, rule: ConventionRule.TABLE_PLURAL, fix: `rename the table to ${pluralizeName(table)}` }];
}

function checkColumns(model: ModelStatic<Model>, table: string): ConventionViolation[] {
  const violations: ConventionViolation[] = [];
  for (const attribute of Object.values(model.getAttributes())) {
    const column = attribute.field ?? '';
    if (!isSnakeCase(column)) {
      violations.push({
        table,
        column,
        rule: ConventionRule.COLUMN_SNAKE_CASE,
        fix: `rename the column to ${toSnakeCase(column)}`,
      });
    }
    const target = referencedTable(attribute.references);
    if (target === undefined) continue;
    if (!/^[a-z][a-z0-9_]*_id$/.test(column)) {
      const name = `${singularizeName(toSnakeCase(target))}_id`;
      violations.push({
        table,
        column,
        rule: ConventionRule.FOREIGN_KEY_NAME,
        fix: `rename the column to ${name} (or <role>_id)`,
      });
    }
    if (!isIndexed(model, column)) {
      violations.push({
        table,
        column,
        rule: ConventionRule.FOREIGN_KEY_INDEX,
        fix: `add an index on ${table}(${column})`,
      });
    }
  }
  return violations;
}

function checkAudit(model: ModelStatic<Model>, table: string): ConventionViolation[] {
  const columns = new Set(Object.values(model.getAttributes()).map((a) => a.field));
  const missing = AUDIT_COLUMNS.filter((c) => !columns.has(c));
  return missing.map((column) => ({
    table,
    column,
    rule: ConventionRule.AUDIT_COLUMNS,
    fix: `extend AuditedModel (adds ${column})`,
  }));
}

/**
 * Checks registered models against dalkit's schema conventions: snake_case plural tables,
 * snake_case columns, foreign keys named `<singular>_id` (or `<role>_id`) with an index, and
 * the audit columns on every table. Returns every violation (empty when all is well).
 */
export function checkConventions(
  db: DatabaseLike,
  options: CheckConventionsOptions = {},
): ConventionViolation[] {
  const sequelize = resolveSequelize(db);
  const models = options.models ?? (Object.values(sequelize.models) as ModelStatic<Model>[]);
  const ignored = (v: ConventionViolation) =>
    (options.ignore ?? []).some(
      (i) =>
        i.table === v.table &&
        (i.rule === undefined || i.rule === v.rule) &&
        (i.column === undefined || i.column === v.column),
    );
  return models
    .flatMap((model) => {
      const table = tableName(model);
      return [...checkTable(table), ...checkColumns(model, table), ...checkAudit(model, table)];
    })
    .filter((v) => !ignored(v));
}
