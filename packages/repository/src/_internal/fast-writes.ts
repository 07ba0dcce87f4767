import type { Model, Transaction } from 'sequelize';
import type { AttributeMeta } from './model-meta.js';
import { plainCreateValues } from './plain-attributes.js';
import type { RepositoryCore } from './repository-core.js';
import { rowDecoder } from './row-decoder.js';
import { ROOT, selectList } from './select-sql.js';

const WRITE_HOOKS = [
  'beforeValidate',
  'afterValidate',
  'validationFailed',
  'beforeCreate',
  'afterCreate',
  'beforeUpdate',
  'afterUpdate',
  'beforeSave',
  'afterSave',
  'beforeUpsert',
  'afterUpsert',
] as const;

/**
 * True when single-row writes may skip Sequelize's instance pipeline: PostgreSQL (RETURNING)
 * and a model with no instance hooks that would be bypassed.
 */
export function canWriteDirectly(core: RepositoryCore): boolean {
  if (core.executor.dialect !== 'postgres') return false;
  const model = core.meta.model as unknown as { hasHook(name: string): boolean };
  return !WRITE_HOOKS.some((hook) => model.hasHook(hook));
}

/**
 * The values of a new row, by attribute name: `data` and defaults as they are when validation has
 * nothing to check, else those of a Sequelize instance built from `data` and validated.
 */
async function createValues(core: RepositoryCore, data: Record<string, unknown>) {
  const plain = plainCreateValues(core.meta, data);
  if (plain) return (name: string) => plain[name];
  const instance = core.meta.model.build(data as never) as Model;
  await instance.validate();
  return (name: string) => instance.getDataValue(name as never) as unknown;
}

/** INSERT … RETURNING of a new row's validated values, in one statement. */
export async function insertDirectly(
  core: RepositoryCore,
  data: object,
  tx: Transaction | undefined,
): Promise<Record<string, unknown>> {
  const values = await createValues(core, data as Record<string, unknown>);
  const now = new Date();
  const sql = core.sql();
  const columns: string[] = [];
  const placeholders: string[] = [];
  for (const attribute of core.meta.attributes.values()) {
    let value = values(attribute.name);
    if (attribute === core.meta.createdAt || attribute === core.meta.updatedAt) value ??= now;
    if (value === undefined || (value === null && attribute === core.meta.primaryKey)) continue;
    columns.push(sql.id(attribute.column));
    placeholders.push(sql.param(value));
  }
  const table = sql.table(core.meta.table, core.meta.schema);
  const text = `INSERT INTO ${table} AS ${sql.id(ROOT)} (${columns.join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING ${selectList(sql, core.meta, ROOT)}`;
  const { rows } = await core.executor.run(text, sql.params, {
    transaction: tx,
    kind: 'insert',
    decode: rowDecoder(core.meta),
  });
  return rows[0] as Record<string, unknown>;
}

/**
 * UPDATE … WHERE pk = $n RETURNING …; undefined when no (live) row has that key. The statement
 * is compiled once per set of patched attributes; parameters are the patch values in order, then
 * `updated_at` (unless patched), then the key.
 */
export async function updateDirectly(
  core: RepositoryCore,
  id: unknown,
  patch: Map<AttributeMeta, unknown>,
  tx: Transaction | undefined,
): Promise<Record<string, unknown> | undefined> {
  const meta = core.meta;
  const stampUpdatedAt = meta.updatedAt !== undefined && !patch.has(meta.updatedAt);
  const params = [...patch.values()];
  if (stampUpdatedAt) params.push(new Date());
  params.push(id);
  let shape = 'update';
  for (const attribute of patch.keys()) shape += `:${attribute.name}`;
  const text = core.compiled(shape, () => {
    const sql = core.sql();
    const sets = [...patch.keys()].map(
      (attribute) => `${sql.id(attribute.column)} = ${sql.param(undefined)}`,
    );
    if (stampUpdatedAt && meta.updatedAt)
      sets.push(`${sql.id(meta.updatedAt.column)} = ${sql.param(undefined)}`);
    let where = `${sql.column(ROOT, meta.primaryKey.column)} = ${sql.param(undefined)}`;
    if (meta.paranoid) where += ` AND ${sql.column(ROOT, meta.paranoid.column)} IS NULL`;
    return `UPDATE ${sql.table(meta.table, meta.schema)} AS ${sql.id(ROOT)} SET ${sets.join(', ')} WHERE ${where} RETURNING ${selectList(sql, meta, ROOT)}`;
  });
  const { rows } = await core.executor.run(text, params, {
    transaction: tx,
    kind: 'insert',
    decode: rowDecoder(meta),
  });
  return rows[0];
}
