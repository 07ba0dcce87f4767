import { ValidationError, type ValidationIssue } from '@dalkit/connection';
import { ALL_ENVIRONMENTS, SeedEnvironment } from './environment.js';
import type { SeedDefinition } from './types.js';

const SEED_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;
const ENVIRONMENTS: readonly string[] = [...Object.values(SeedEnvironment), ALL_ENVIRONMENTS];

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function issuesOf(raw: Record<string, unknown>, where: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (field: string, rule: string, expected: string) =>
    issues.push({ path: `${where}: ${field}`, rule, message: `${where}: ${field} must be ${expected}` });
  if (typeof raw.name !== 'string' || !SEED_NAME.test(raw.name)) {
    add('name', 'pattern', `a name of letters, digits, ".", "_" or "-" (got ${JSON.stringify(raw.name)})`);
  }
  const envs = raw.environments;
  if (!isStringArray(envs) || envs.length === 0 || envs.some((e) => !ENVIRONMENTS.includes(e))) {
    add(
      'environments',
      'oneOf',
      `a non-empty list of ${ENVIRONMENTS.join(', ')} (got ${JSON.stringify(envs)})`,
    );
  }
  if (typeof raw.run !== 'function') add('run', 'required', 'a function run(ctx)');
  if (raw.dependsOn !== undefined && !isStringArray(raw.dependsOn))
    add('dependsOn', 'type', 'a list of seed names');
  if (raw.tables !== undefined && !isStringArray(raw.tables)) add('tables', 'type', 'a list of table names');
  if (raw.runOnChange !== undefined && typeof raw.runOnChange !== 'boolean')
    add('runOnChange', 'type', 'a boolean');
  return issues;
}

/**
 * Checks what a seed file exports (or a definition passed in code) and returns it typed;
 * every problem is listed in one ValidationError whose paths start with `where` (the file).
 */
export function validateSeed(raw: unknown, where: string): SeedDefinition {
  if (typeof raw !== 'object' || raw === null) {
    throw new ValidationError([
      { path: where, rule: 'type', message: `${where} must export a seed (name, environments, run)` },
    ]);
  }
  const issues = issuesOf(raw as Record<string, unknown>, where);
  if (issues.length > 0) throw new ValidationError(issues);
  return raw as SeedDefinition;
}
