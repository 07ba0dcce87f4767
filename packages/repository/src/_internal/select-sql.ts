import { joinClauses } from './join-to-one.js';
import type { ModelMeta, RelationMeta } from './model-meta.js';
import type { SqlBuilder } from './sql-builder.js';

/** Row locks a read can take inside a transaction. */
export type LockOption =
  | 'update'
  | 'share'
  | { strength: 'update' | 'share'; skipLocked?: boolean; noWait?: boolean };

/** The alias of the main table in every statement. */
export const ROOT = 't';

const SELECT_LISTS = new WeakMap<ModelMeta, Map<string, string>>();

/** `"t"."user_id" AS "userId", …`: rows come back keyed by attribute name, no mapping pass. Computed once per model, alias and dialect. */
export function selectList(sql: SqlBuilder, meta: ModelMeta, alias: string): string {
  let lists = SELECT_LISTS.get(meta);
  if (!lists) {
    lists = new Map();
    SELECT_LISTS.set(meta, lists);
  }
  const key = `${sql.dialect}:${alias}`;
  let list = lists.get(key);
  if (list === undefined) {
    list = buildSelectList(sql, meta, alias);
    lists.set(key, list);
  }
  return list;
}

function buildSelectList(sql: SqlBuilder, meta: ModelMeta, alias: string): string {
  const parts: string[] = [];
  for (const attribute of meta.attributes.values()) {
    const column = sql.column(alias, attribute.column);
    parts.push(attribute.column === attribute.name ? column : `${column} AS ${sql.id(attribute.name)}`);
  }
  return parts.join(', ');
}

/** `FROM "orders" AS "t"`. */
export function fromClause(sql: SqlBuilder, meta: ModelMeta, alias = ROOT): string {
  return `FROM ${sql.table(meta.table, meta.schema)} AS ${sql.id(alias)}`;
}

/** The locking clause for the dialect, or an empty string. */
export function lockClause(sql: SqlBuilder, lock: LockOption | undefined): string {
  if (!lock) return '';
  const spec = typeof lock === 'string' ? { strength: lock } : lock;
  let clause =
    spec.strength === 'update' ? ' FOR UPDATE' : sql.isPostgres ? ' FOR SHARE' : ' LOCK IN SHARE MODE';
  // Only the root rows are locked; joined relations may be on the nullable side of a LEFT JOIN.
  if (sql.isPostgres) clause += ` OF ${sql.id(ROOT)}`;
  if ('skipLocked' in spec && spec.skipLocked) clause += ' SKIP LOCKED';
  else if ('noWait' in spec && spec.noWait) clause += ' NOWAIT';
  return clause;
}

/** The pieces of one SELECT over the model. */
export interface SelectParts {
  where?: string | undefined;
  orderBy?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  lock?: LockOption | undefined;
  /** BelongsTo relations read through a LEFT JOIN (PostgreSQL). */
  joins?: readonly RelationMeta[] | undefined;
  /** Columns after the model's and the joined ones, written `, expr AS alias`. */
  extraColumns?: string | undefined;
}

/**
 * A LIMIT/OFFSET number: bound on PostgreSQL; inlined on MariaDB, whose prepared LIMIT rejects
 * the DOUBLE that mysql2 sends. Only checked safe integers are ever inlined.
 */
function integer(sql: SqlBuilder, value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`Invalid LIMIT/OFFSET ${value}`);
  return sql.isPostgres ? sql.param(value) : String(value);
}

/** A full SELECT of every attribute; limit and offset are bound. */
export function selectSql(sql: SqlBuilder, meta: ModelMeta, parts: SelectParts): string {
  const joined = parts.joins?.length ? joinClauses(sql, ROOT, parts.joins) : { columns: '', joins: '' };
  const extra = parts.extraColumns ?? '';
  let text = `SELECT ${selectList(sql, meta, ROOT)}${joined.columns}${extra} ${fromClause(sql, meta)}${joined.joins}`;
  if (parts.where) text += ` WHERE ${parts.where}`;
  if (parts.orderBy) text += ` ORDER BY ${parts.orderBy}`;
  if (parts.limit !== undefined) text += ` LIMIT ${integer(sql, parts.limit)}`;
  if (parts.offset) text += ` OFFSET ${integer(sql, parts.offset)}`;
  return text + lockClause(sql, parts.lock);
}
