import { ValidationError, type ValidationIssue } from '@dalkit/connection';
import { currentActor } from '@dalkit/models';
import type { Model, Transaction } from 'sequelize';
import { compileWhere } from './compile-filter.js';
import type { Condition } from './filter-ast.js';
import type { AttributeMeta } from './model-meta.js';
import { needsNoValidation } from './plain-attributes.js';
import type { RepositoryCore } from './repository-core.js';
import { ROOT } from './select-sql.js';

/**
 * Checks a patch for bulk SQL: every key an attribute (not the primary key), values run
 * through the model's setters and validators (skipped when they would neither check nor
 * change anything). Returns attribute → value.
 */
export async function preparePatch(
  core: RepositoryCore,
  patch: unknown,
): Promise<Map<AttributeMeta, unknown>> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new ValidationError([{ path: 'patch', rule: 'type', message: 'patch must be an object' }]);
  }
  const keys = Object.keys(patch);
  const issues: ValidationIssue[] = keys
    .filter((k) => !core.meta.attributes.has(k) || k === core.meta.primaryKey.name)
    .map((k) => ({
      path: `patch.${k}`,
      rule: 'unknownField',
      message: `patch.${k} is not an updatable field`,
    }));
  if (keys.length === 0)
    issues.push({ path: 'patch', rule: 'required', message: 'patch must set at least one field' });
  if (issues.length) throw new ValidationError(issues);
  const given = patch as Record<string, unknown>;
  if (needsNoValidation(core.meta.model, given)) {
    return new Map(keys.map((k) => [core.meta.attributes.get(k) as AttributeMeta, given[k]]));
  }
  const instance = core.meta.model.build(given) as Model;
  const skip = [...core.meta.attributes.keys()].filter((k) => !keys.includes(k));
  await instance.validate({ skip });
  return new Map(
    keys.map((k) => [core.meta.attributes.get(k) as AttributeMeta, instance.getDataValue(k as never)]),
  );
}

/** `UPDATE … SET … WHERE <filter>`: values bound; `updated_at` set; returns the affected row count. */
export async function updateWhereSql(
  core: RepositoryCore,
  condition: Condition | undefined,
  values: Map<AttributeMeta, unknown>,
  tx: Transaction | undefined,
): Promise<number> {
  const sql = core.sql();
  const meta = core.meta;
  const sets = [...values].map(([attribute, value]) => `${sql.id(attribute.column)} = ${sql.param(value)}`);
  if (meta.updatedAt && !values.has(meta.updatedAt))
    sets.push(`${sql.id(meta.updatedAt.column)} = ${sql.param(new Date())}`);
  // As the model's own hooks do for Sequelize's updates: the `runAs` actor, or null.
  const updatedBy = meta.audit?.updatedBy;
  if (updatedBy && !values.has(updatedBy))
    sets.push(`${sql.id(updatedBy.column)} = ${sql.param(currentActor() ?? null)}`);
  return runWhere(
    core,
    `UPDATE ${sql.table(meta.table, meta.schema)} AS ${sql.id(ROOT)} SET ${sets.join(', ')}`,
    sql,
    condition,
    tx,
  );
}

/** Deletes (or soft-deletes, for a paranoid model) every row matching; returns the count. */
export async function deleteWhereSql(
  core: RepositoryCore,
  condition: Condition | undefined,
  tx: Transaction | undefined,
): Promise<number> {
  const meta = core.meta;
  if (meta.paranoid) return updateWhereSql(core, condition, new Map([[meta.paranoid, new Date()]]), tx);
  const sql = core.sql();
  const head = sql.isPostgres
    ? `DELETE FROM ${sql.table(meta.table, meta.schema)} AS ${sql.id(ROOT)}`
    : `DELETE ${sql.id(ROOT)} FROM ${sql.table(meta.table, meta.schema)} AS ${sql.id(ROOT)}`;
  return runWhere(core, head, sql, condition, tx);
}

async function runWhere(
  core: RepositoryCore,
  head: string,
  sql: ReturnType<RepositoryCore['sql']>,
  condition: Condition | undefined,
  tx: Transaction | undefined,
): Promise<number> {
  const where = compileWhere(sql, core.meta, ROOT, condition);
  const text = where ? `${head} WHERE ${where}` : head;
  const kind = head.startsWith('DELETE') ? 'delete' : 'update';
  return (await core.executor.run(text, sql.params, { transaction: tx, kind })).rowCount;
}
