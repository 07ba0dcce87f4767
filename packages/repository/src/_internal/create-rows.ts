import { ValidationError, type ValidationIssue } from '@dalkit/connection';
import type { Model } from 'sequelize';
import type { AttributeMeta } from './model-meta.js';
import type { RepositoryCore } from './repository-core.js';

/** Most rows accepted by one createMany call. */
export const MAX_CREATE_MANY = 1_000_000;

interface RawDefault {
  defaultValue?: unknown;
}

function defaultOf(raw: RawDefault | undefined, now: Date): unknown {
  const value = raw?.defaultValue;
  if (value === undefined || value === null) return null;
  const key = (value as { key?: string }).key;
  if (key === 'NOW') return now;
  if (key === 'UUIDV4') return globalThis.crypto.randomUUID();
  return typeof value === 'object' ? null : value;
}

/**
 * Turns createMany input into column lists and value rows: the union of given keys plus the
 * timestamp columns; a missing value becomes the attribute's literal default or NULL. Unknown
 * keys are refused; with `validate`, each row runs the model's validators.
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
  const timestamps =
    (meta.model as unknown as { _timestampAttributes?: Record<string, string> })._timestampAttributes ?? {};
  for (const key of ['createdAt', 'updatedAt']) if (timestamps[key]) names.add(timestamps[key] as string);
  const rawAttributes = meta.model.getAttributes() as Record<string, RawDefault>;
  const columns = [...names].map((n) => meta.attributes.get(n) as AttributeMeta);
  const now = new Date();
  const stamp = new Set([timestamps.createdAt, timestamps.updatedAt]);
  const values = rows.map((row) => {
    const record = row as Record<string, unknown>;
    return columns.map((c) => {
      const value = record[c.name];
      if (value !== undefined) return value;
      return stamp.has(c.name) ? now : defaultOf(rawAttributes[c.name], now);
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
