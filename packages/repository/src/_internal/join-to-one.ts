import type { ModelMeta, RelationMeta } from './model-meta.js';
import type { SqlBuilder } from './sql-builder.js';

/**
 * On PostgreSQL a BelongsTo include is read in the main statement: a LEFT JOIN whose row comes
 * back as one JSON object column (`CASE WHEN key IS NULL THEN NULL ELSE json_build_object(…)`),
 * which the driver parses natively. Other relations and dialects use one batched query each.
 */
export function joinableRelations(
  sql: SqlBuilder,
  meta: ModelMeta,
  include: readonly string[],
): RelationMeta[] {
  if (!sql.isPostgres) return [];
  return include.map((name) => meta.relation(name)).filter((r): r is RelationMeta => r?.type === 'BelongsTo');
}

/** The JSON column and LEFT JOIN for each joined relation, over the root row `alias`. */
export function joinClauses(
  sql: SqlBuilder,
  alias: string,
  relations: readonly RelationMeta[],
): { columns: string; joins: string } {
  const columns: string[] = [];
  const joins: string[] = [];
  for (const relation of relations) {
    const target = relation.target;
    const j = `j_${relation.name}`;
    const fields = [...target.attributes.values()].map((a) => {
      const column = sql.column(j, a.column);
      return `'${a.name}', ${a.kind === 'bigint' ? `${column}::text` : column}`;
    });
    const key = sql.column(j, target.primaryKey.column);
    columns.push(
      `CASE WHEN ${key} IS NULL THEN NULL ELSE json_build_object(${fields.join(', ')}) END AS ${sql.id(relation.name)}`,
    );
    const alive = target.paranoid ? ` AND ${sql.column(j, target.paranoid.column)} IS NULL` : '';
    joins.push(
      `LEFT JOIN ${sql.table(target.table, target.schema)} AS ${sql.id(j)} ON ${sql.column(j, relation.targetKeyColumn)} = ${sql.column(alias, relation.foreignKeyColumn)}${alive}`,
    );
  }
  return { columns: columns.map((c) => `, ${c}`).join(''), joins: joins.map((j) => ` ${j}`).join('') };
}

const DATE_ATTRIBUTES = new WeakMap<ModelMeta, readonly string[]>();

/** JSON carries dates as strings: turn the related row's date attributes back into Dates. */
export function reviveJoined(
  rows: readonly Record<string, unknown>[],
  relations: readonly RelationMeta[],
): void {
  for (const relation of relations) {
    let dates = DATE_ATTRIBUTES.get(relation.target);
    if (!dates) {
      dates = [...relation.target.attributes.values()].filter((a) => a.kind === 'date').map((a) => a.name);
      DATE_ATTRIBUTES.set(relation.target, dates);
    }
    if (dates.length === 0) continue;
    for (const row of rows) {
      const related = row[relation.name] as Record<string, unknown> | null;
      if (!related) continue;
      for (const name of dates) {
        const value = related[name];
        if (typeof value === 'string') related[name] = new Date(value);
      }
    }
  }
}
