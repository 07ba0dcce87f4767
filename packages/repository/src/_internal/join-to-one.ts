import type { ModelMeta, RelationMeta } from './model-meta.js';
import type { SqlBuilder } from './sql-builder.js';

/**
 * On PostgreSQL a BelongsTo include is read in the main statement: a LEFT JOIN whose columns
 * follow the root's, aliased `relation.attribute`, and `rowDecoder` nests them. Other relations
 * and dialects use one batched query each.
 */
export function joinableRelations(
  sql: SqlBuilder,
  meta: ModelMeta,
  include: readonly string[],
): RelationMeta[] {
  if (!sql.isPostgres || include.length === 0) return [];
  return include.map((name) => meta.relation(name)).filter((r): r is RelationMeta => r?.type === 'BelongsTo');
}

/** The aliased columns and the LEFT JOIN of each joined relation, over the root row `alias`. */
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
    for (const a of target.attributes.values())
      columns.push(`${sql.column(j, a.column)} AS ${sql.nestedAlias(relation.name, a.name)}`);
    const alive = target.paranoid ? ` AND ${sql.column(j, target.paranoid.column)} IS NULL` : '';
    joins.push(
      `LEFT JOIN ${sql.table(target.table, target.schema)} AS ${sql.id(j)} ON ${sql.column(j, relation.targetKeyColumn)} = ${sql.column(alias, relation.foreignKeyColumn)}${alive}`,
    );
  }
  return { columns: columns.map((c) => `, ${c}`).join(''), joins: joins.map((j) => ` ${j}`).join('') };
}
