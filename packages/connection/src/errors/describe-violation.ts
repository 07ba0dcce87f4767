import type { ConstraintViolation } from './errors.js';

const LABEL: Readonly<Record<ConstraintViolation['kind'], string>> = {
  unique: 'Unique constraint',
  foreign_key: 'Foreign key constraint',
  check: 'Check constraint',
  not_null: 'Not-null constraint',
  exclusion: 'Exclusion constraint',
};

/**
 * The message of a constraint violation, from names only:
 * `Unique constraint "users_email_key" violated on users (email)`. Values never appear.
 */
export function describeViolation(violation: ConstraintViolation): string {
  const name = violation.constraint ? ` "${violation.constraint}"` : '';
  const table = violation.table ? ` on ${violation.table}` : '';
  const columns =
    violation.columns && violation.columns.length > 0 ? ` (${violation.columns.join(', ')})` : '';
  return `${LABEL[violation.kind]}${name} violated${table}${columns}`;
}
