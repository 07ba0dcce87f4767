import type { Condition, ResolvedField } from './filter-ast.js';
import type { ModelMeta, RelationMeta } from './model-meta.js';
import type { SqlBuilder } from './sql-builder.js';

const COMPARISON: Record<string, string> = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };

function likeSql(sql: SqlBuilder, column: string, op: 'like' | 'ilike', value: unknown): string {
  if (op === 'like') return `${column} LIKE ${sql.param(value)}`;
  if (sql.isPostgres) return `${column} ILIKE ${sql.param(value)}`;
  return `LOWER(${column}) LIKE LOWER(${sql.param(value)})`;
}

function listSql(sql: SqlBuilder, column: string, negate: boolean, values: readonly unknown[]): string {
  if (values.length === 0) return negate ? '1=1' : '1=0';
  if (sql.isPostgres)
    return negate ? `NOT (${column} = ANY(${sql.param(values)}))` : `${column} = ANY(${sql.param(values)})`;
  const placeholders = values.map((v) => sql.param(v)).join(', ');
  return `${column} ${negate ? 'NOT IN' : 'IN'} (${placeholders})`;
}

function comparisonSql(sql: SqlBuilder, column: string, op: string, value: unknown): string {
  switch (op) {
    case 'isNull':
      return `${column} IS ${value ? '' : 'NOT '}NULL`;
    case 'like':
    case 'ilike':
      return likeSql(sql, column, op, value);
    case 'in':
    case 'notIn':
      return listSql(sql, column, op === 'notIn', value as unknown[]);
    case 'between': {
      const [low, high] = value as [unknown, unknown];
      return `${column} BETWEEN ${sql.param(low)} AND ${sql.param(high)}`;
    }
    default:
      if (value === null) return `${column} IS ${op === 'ne' ? 'NOT ' : ''}NULL`;
      if (op === 'ne') return `(${column} <> ${sql.param(value)} OR ${column} IS NULL)`;
      return `${column} ${COMPARISON[op]} ${sql.param(value)}`;
  }
}

/** `EXISTS (…)` joining `relation` to the row aliased `alias`, with `inner` applied to the related row. */
function existsSql(
  sql: SqlBuilder,
  alias: string,
  relation: RelationMeta,
  inner: (rel: string) => string,
): string {
  const rel = `r_${relation.name}`;
  const target = relation.target;
  const from = `${sql.table(target.table, target.schema)} AS ${sql.id(rel)}`;
  if (relation.type === 'BelongsTo') {
    const link = `${sql.column(rel, relation.targetKeyColumn)} = ${sql.column(alias, relation.foreignKeyColumn)}`;
    return `EXISTS (SELECT 1 FROM ${from} WHERE ${link} AND ${inner(rel)})`;
  }
  if (relation.type === 'BelongsToMany' && relation.through) {
    const j = `j_${relation.name}`;
    const through = relation.through;
    const joins = `${sql.id(through.table)} AS ${sql.id(j)} JOIN ${from} ON ${sql.column(rel, relation.foreignKeyColumn)} = ${sql.column(j, through.targetColumn)}`;
    const link = `${sql.column(j, through.sourceColumn)} = ${sql.column(alias, relation.targetKeyColumn)}`;
    return `EXISTS (SELECT 1 FROM ${joins} WHERE ${link} AND ${inner(rel)})`;
  }
  const link = `${sql.column(rel, relation.foreignKeyColumn)} = ${sql.column(alias, relation.targetKeyColumn)}`;
  return `EXISTS (SELECT 1 FROM ${from} WHERE ${link} AND ${inner(rel)})`;
}

function fieldSql(sql: SqlBuilder, alias: string, field: ResolvedField, op: string, value: unknown): string {
  if (!field.relation) return comparisonSql(sql, sql.column(alias, field.attribute.column), op, value);
  return existsSql(sql, alias, field.relation, (rel) =>
    comparisonSql(sql, sql.column(rel, field.attribute.column), op, value),
  );
}

/** Writes a validated condition as SQL over the row aliased `alias`; every value becomes a bind parameter. */
export function compileCondition(sql: SqlBuilder, alias: string, condition: Condition): string {
  switch (condition.kind) {
    case 'compare':
      return fieldSql(sql, alias, condition.field, condition.op, condition.value);
    case 'not':
      return `NOT (${compileCondition(sql, alias, condition.item)})`;
    default: {
      if (condition.items.length === 0) return '1=1';
      const joiner = condition.kind === 'and' ? ' AND ' : ' OR ';
      return `(${condition.items.map((c) => compileCondition(sql, alias, c)).join(joiner)})`;
    }
  }
}

/** The WHERE clause body for `condition` plus the paranoid `deleted_at IS NULL` guard. */
export function compileWhere(
  sql: SqlBuilder,
  meta: ModelMeta,
  alias: string,
  condition: Condition | undefined,
  withDeleted = false,
): string | undefined {
  const parts: string[] = [];
  if (meta.paranoid && !withDeleted) parts.push(`${sql.column(alias, meta.paranoid.column)} IS NULL`);
  if (condition) parts.push(compileCondition(sql, alias, condition));
  return parts.length ? parts.join(' AND ') : undefined;
}
