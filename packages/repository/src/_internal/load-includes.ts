import type { Transaction } from 'sequelize';
import type { Executor } from './executor.js';
import type { ModelMeta, RelationMeta } from './model-meta.js';
import type { RowMapper } from './row-mapper.js';
import { selectList } from './select-sql.js';
import { SqlBuilder } from './sql-builder.js';

type Row = Record<string, unknown>;
/** Most keys sent in one batched relation query. */
const KEY_CHUNK = 1000;

function keyIn(sql: SqlBuilder, column: string, keys: readonly unknown[]): string {
  if (sql.isPostgres) return `${column} = ANY(${sql.param(keys)})`;
  return `${column} IN (${keys.map((k) => sql.param(k)).join(', ')})`;
}

function relatedSql(sql: SqlBuilder, relation: RelationMeta, keys: readonly unknown[]): string {
  const target = relation.target;
  const table = `${sql.table(target.table, target.schema)} AS ${sql.id('r')}`;
  const alive = target.paranoid ? ` AND ${sql.column('r', target.paranoid.column)} IS NULL` : '';
  const order = ` ORDER BY ${sql.column('r', target.primaryKey.column)}`;
  if (relation.type === 'BelongsToMany' && relation.through) {
    const through = relation.through;
    const link = sql.column('j', through.sourceColumn);
    return (
      `SELECT ${selectList(sql, target, 'r')}, ${link} AS ${sql.id('__source')} FROM ${table} ` +
      `JOIN ${sql.id(through.table)} AS ${sql.id('j')} ON ${sql.column('j', through.targetColumn)} = ${sql.column('r', relation.foreignKeyColumn)} ` +
      `WHERE ${keyIn(sql, link, keys)}${alive}${order}`
    );
  }
  const column = relation.type === 'BelongsTo' ? relation.targetKeyColumn : relation.foreignKeyColumn;
  return `SELECT ${selectList(sql, target, 'r')} ${'FROM'} ${table} WHERE ${keyIn(sql, sql.column('r', column), keys)}${alive}${order}`;
}

/** The attribute on the parent row that holds the join key, and the one on the related row. */
function keyAttributes(source: ModelMeta, relation: RelationMeta): { parent: string; child: string } {
  const target = relation.target;
  if (relation.type === 'BelongsTo') {
    return {
      parent: source.columnToAttribute.get(relation.foreignKeyColumn) ?? relation.foreignKeyColumn,
      child: target.columnToAttribute.get(relation.targetKeyColumn) ?? relation.targetKeyColumn,
    };
  }
  const parent = source.columnToAttribute.get(relation.targetKeyColumn) ?? relation.targetKeyColumn;
  if (relation.type === 'BelongsToMany') return { parent, child: '__source' };
  return {
    parent,
    child: target.columnToAttribute.get(relation.foreignKeyColumn) ?? relation.foreignKeyColumn,
  };
}

/**
 * Loads `relation` for all `rows` with one query per 1,000 distinct keys (never one per row)
 * and attaches it under the relation name: an object or null for to-one, an array for to-many.
 */
export async function loadRelation(
  executor: Executor,
  source: ModelMeta,
  relation: RelationMeta,
  rows: Row[],
  transaction: Transaction | undefined,
  mapper: RowMapper,
): Promise<void> {
  const { parent, child } = keyAttributes(source, relation);
  const many = relation.type === 'HasMany' || relation.type === 'BelongsToMany';
  const keys = [...new Set(rows.map((r) => r[parent]).filter((k) => k !== null && k !== undefined))];
  const byKey = new Map<string, Row[]>();
  for (let i = 0; i < keys.length; i += KEY_CHUNK) {
    const sql = new SqlBuilder(executor.dialect);
    const text = relatedSql(sql, relation, keys.slice(i, i + KEY_CHUNK));
    const { rows: related } = await executor.run(text, sql.params, { transaction, kind: 'select' });
    for (const row of related) {
      const key = String(row[child]);
      if (relation.type === 'BelongsToMany') delete row.__source;
      mapper.fix(relation.target, row);
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
  }
  for (const row of rows) {
    const found = byKey.get(String(row[parent])) ?? [];
    row[relation.name] = many ? found : (found[0] ?? null);
  }
}
