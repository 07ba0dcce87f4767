import { ValidationError, type ValidationIssue } from '@dalkit/connection';
import { currentActor } from '@dalkit/models';
import type { Model } from 'sequelize';
import type { AttributeMeta } from './model-meta.js';
import type { RepositoryCore } from './repository-core.js';

/** Most rows accepted by one createMany call. */
export const MAX_CREATE_MANY = 1_000_000;

/** A default that can be bound as a value; NULL for none and for SQL defaults (`fn`, `literal`). */
function boundDefault(make: (() => unknown) | undefined): unknown {
  const value = make?.();
  if (value === undefined) return null;
  return typeof value === 'object' && value !== null && !(value instanceof Date) ? null : value;
}

/**
 * Turns createMany input into column lists and value rows: the union of given keys, the
 * timestamp columns, the attributes with a default and, inside `runAs` on an audited model,
 * `createdBy`/`updatedBy`. A missing value becomes the attribute's default (made per row, so
 * UUID v7 keys differ), the `runAs` actor for the audit columns, or NULL. Unknown keys are
 * refused; with `validate`, each row runs the model's validators.
 */
export async function createRows(
  core: RepositoryCore,
  rows: readonly object[],
  validate: boolean,
): Promise<{ columns: AttributeMeta[]; values: unknown[][] }> {
  if (!Array.isArray(rows) || rows.length > MAX_CREATE_MANY) {
    throw new ValidationError([
      { path: 'rows', rule: 'type', message: `rows must be a list of at most ${MAX_CREATE_MANY} objects` },
    ]);
  }
  const meta = core.meta;
  const names = new Set<string>();
  const issues: ValidationIssue[] = [];
  rows.forEach((row, i) => {
    if (typeof row !== 'object' || row === null)
      issues.push({ path: `rows[${i}]`, rule: 'type', message: `rows[${i}] must be an object` });
    else for (const key of Object.keys(row)) names.add(key);
  });
  for (const name of names) {
    if (!meta.attributes.has(name))
      issues.push({ path: `rows.${name}`, rule: 'unknownField', message: `rows.${name} is not a field` });
  }
  if (issues.length) throw new ValidationError(issues);
  const stamps = new Set([meta.createdAt, meta.updatedAt].filter((a): a is AttributeMeta => a !== undefined));
  for (const attribute of stamps) names.add(attribute.name);
  const makers = meta.defaults;
  for (const [name, make] of Object.entries(makers)) {
    // A SQL default (`fn`, `literal`) is left to the database: the column is written only when given.
    if (meta.attributes.has(name) && boundDefault(make) !== null) names.add(name);
  }
  const actor = meta.audit ? currentActor() : undefined;
  const audit = new Set(
    actor === undefined || !meta.audit ? [] : [meta.audit.createdBy, meta.audit.updatedBy],
  );
  for (const attribute of audit) names.add(attribute.name);
  const columns = [...names].map((n) => meta.attributes.get(n) as AttributeMeta);
  const now = new Date();
  const values = rows.map((row) => {
    const record = row as Record<string, unknown>;
    return columns.map((c) => {
      const value = record[c.name];
      if (value !== undefined && value !== null) return value;
      if (audit.has(c)) return actor;
      if (value === null) return null;
      return stamps.has(c) ? now : boundDefault(makers[c.name]);
    });
  });
  if (validate) await validateRows(meta.model, rows);
  return { columns, values };
}

async function validateRows(model: RepositoryCore['meta']['model'], rows: readonly object[]): Promise<void> {
  const issues: ValidationIssue[] = [];
  for (const [i, row] of rows.entries()) {
    try {
      await (model.build(row as never) as Model).validate();
    } catch (error) {
      const items =
        (error as { errors?: { path?: string; validatorKey?: string; message?: string }[] }).errors ?? [];
      for (const item of items) {
        issues.push({
          path: `rows[${i}].${item.path ?? ''}`,
          rule: item.validatorKey ?? 'invalid',
          message: `rows[${i}]: ${item.message ?? 'is invalid'}`,
        });
      }
    }
  }
  if (issues.length) throw new ValidationError(issues);
}
