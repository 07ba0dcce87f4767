import type { Transaction } from 'sequelize';
import type { ReadOptions } from '../types.js';
import { instanceBuilder } from './build-instances.js';
import { compileWhere } from './compile-filter.js';
import type { Condition } from './filter-ast.js';
import { loadRelation } from './load-includes.js';
import type { RelationMeta } from './model-meta.js';
import type { RepositoryCore } from './repository-core.js';
import { type RowDecoder, rowDecoder } from './row-decoder.js';
import { ROOT, type SelectParts, selectSql } from './select-sql.js';
import type { SqlBuilder } from './sql-builder.js';

type Row = Record<string, unknown>;

/**
 * Runs a SELECT of the model's rows; attribute-keyed plain objects. `decoding` may wrap the
 * row decoder (to read `parts.extraColumns`).
 */
export async function selectRows(
  core: RepositoryCore,
  sql: SqlBuilder,
  parts: SelectParts,
  tx: Transaction | undefined,
  decoding: (decoder: RowDecoder) => RowDecoder = (decoder) => decoder,
): Promise<Row[]> {
  const text = selectSql(sql, core.meta, parts);
  const { rows } = await core.executor.run(text, sql.params, {
    transaction: tx,
    kind: 'select',
    prepare: core.prepare,
    decode: decoding(rowDecoder(core.meta, parts.joins)),
  });
  for (const row of rows) core.mapper.fix(core.meta, row);
  return rows;
}

/** The WHERE body for a validated condition (paranoid rows hidden unless asked). */
export function whereOf(
  core: RepositoryCore,
  sql: SqlBuilder,
  condition: Condition | undefined,
  options: ReadOptions,
): string | undefined {
  return compileWhere(sql, core.meta, ROOT, condition, options.withDeleted);
}

/**
 * Loads the includes the SELECT did not join (`joined`, see `joinableRelations`), one query per
 * relation, and builds instances when asked.
 */
export async function finishRows(
  core: RepositoryCore,
  rows: Row[],
  include: readonly string[],
  joined: readonly RelationMeta[],
  options: ReadOptions,
  tx: Transaction | undefined,
): Promise<unknown[]> {
  if (rows.length && include.length > joined.length) {
    for (const name of include) {
      const relation = core.meta.relation(name);
      if (relation && !joined.includes(relation))
        await loadRelation(core.executor, core.meta, relation, rows, tx, core.mapper);
    }
  }
  if (!options.instances) return rows;
  return rows.map(instanceBuilder(core.meta.model, include));
}

/**
 * Serves a read from the cache when the repository has one, the call is outside any
 * transaction, takes no lock and wants plain objects; stores the result otherwise.
 */
export function cachedRead<T>(
  core: RepositoryCore,
  key: () => string,
  tx: Transaction | undefined,
  options: ReadOptions,
  read: () => Promise<T>,
): Promise<T> {
  const cache = core.cache;
  if (!cache || tx || options.lock || options.instances) return read();
  return readThrough(cache, key(), read);
}

async function readThrough<T>(
  cache: NonNullable<RepositoryCore['cache']>,
  cacheKey: string,
  read: () => Promise<T>,
): Promise<T> {
  const hit = await cache.store.get(cacheKey);
  if (hit !== undefined) return structuredClone(hit) as T;
  const value = await read();
  await cache.store.set(cacheKey, structuredClone(value), cache.ttlMs);
  return value;
}
