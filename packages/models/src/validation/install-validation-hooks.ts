import { ErrorCode, isDalkitError, ValidationError, type ValidationIssue } from '@dalkit/connection';
import { type Model, type ModelStatic, ValidationError as SequelizeValidationError } from 'sequelize';
import { addHook } from '../_internal/add-hook.js';
import { checkRules } from './check-rules.js';
import { getRules } from './rules.js';

const pending = new WeakMap<object, ValidationIssue[]>();

function fromSequelize(error: unknown): ValidationIssue[] {
  if (!(error instanceof SequelizeValidationError)) return [];
  return error.errors.map((item) => {
    const path = item.path ?? 'record';
    return item.validatorKey === 'is_null'
      ? { path, rule: 'required', message: `${path} is required` }
      : { path, rule: item.validatorKey ?? 'invalid', message: item.message };
  });
}

function merge(first: ValidationIssue[], second: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set(first.map((i) => `${i.path}\u0000${i.rule}`));
  return [...first, ...second.filter((i) => !seen.has(`${i.path}\u0000${i.rule}`))];
}

async function validateRows(rows: Model[]): Promise<ValidationIssue[]> {
  const results = await Promise.all(
    rows.map(async (row, index) => {
      try {
        await row.validate();
        return [];
      } catch (error) {
        if (!isDalkitError(error, ErrorCode.VALIDATION_FAILED)) throw error;
        return (error as ValidationError).issues.map((i) => ({ ...i, path: `[${index}].${i.path}` }));
      }
    }),
  );
  return results.flat();
}

/**
 * Runs the `@Rules` of a model before any SQL and reports failures, together with
 * Sequelize's own checks (NOT NULL), as one dalkit `ValidationError` listing every failing
 * field. `bulkCreate` validates every row (paths `[index].field`); `Model.update` validates the
 * fields it sets.
 */
export function installValidationHooks(model: ModelStatic<Model>): void {
  const rules = Object.entries(getRules(model.prototype));
  const needsRow = rules.some(([, r]) => r.custom !== undefined);
  addHook(model, 'validationFailed', 'dalkit:rules', (row: Model, _options: unknown, error: unknown) => {
    const issues = merge(pending.get(row) ?? [], fromSequelize(error));
    pending.delete(row);
    if (issues.length > 0) throw new ValidationError(issues, { cause: error });
  });
  if (rules.length === 0) return;
  addHook(model, 'beforeValidate', 'dalkit:rules', (row: Model, options: { skip?: string[] }) => {
    const skip = new Set(options.skip ?? []);
    const values = needsRow ? (row.get() as Record<string, unknown>) : {};
    const issues = rules
      .filter(([attribute]) => !skip.has(attribute))
      .flatMap(([attribute, attributeRules]) =>
        checkRules(attribute, row.get(attribute), attributeRules, values),
      );
    pending.set(row, issues);
  });
  addHook(model, 'afterValidate', 'dalkit:rules', (row: Model) => {
    const issues = pending.get(row) ?? [];
    pending.delete(row);
    if (issues.length > 0) throw new ValidationError(issues);
  });
  addHook(
    model,
    'beforeBulkCreate',
    'dalkit:rules',
    async (rows: Model[], options: { validate?: boolean }) => {
      const issues = await validateRows(rows);
      if (issues.length > 0) throw new ValidationError(issues);
      options.validate = false;
    },
  );
}
