import { ValidationError } from '@dalkit/connection';
import type { DatabaseLike } from '../_internal/resolve-sequelize.js';
import { type CheckConventionsOptions, checkConventions } from './check-conventions.js';

/**
 * Test helper: throws a `ValidationError` listing every convention violation (path
 * `table.column`, rule, and the fix) of the registered models; returns quietly when there are none.
 * @example it('should follow the schema conventions', () => assertConventions(db));
 */
export function assertConventions(db: DatabaseLike, options: CheckConventionsOptions = {}): void {
  const violations = checkConventions(db, options);
  if (violations.length === 0) return;
  const issues = violations.map((v) => {
    const path = v.column === undefined ? v.table : `${v.table}.${v.column}`;
    return { path, rule: v.rule, message: `${path} breaks ${v.rule}: ${v.fix}` };
  });
  throw new ValidationError(issues, {
    message: `${issues.length} schema convention violation(s):\n${issues.map((i) => `  - ${i.message}`).join('\n')}`,
  });
}
