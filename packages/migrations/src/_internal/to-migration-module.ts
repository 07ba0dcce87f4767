import { ValidationError } from '@dalkit/connection';
import type { MigrationFn, MigrationModule } from '../types.js';

/** Reads `up`, `down` and `transaction` from an ES module or a CommonJS `module.exports`. */
export function toMigrationModule(exports: Record<string, unknown>, where: string): MigrationModule {
  const fallback = (exports.default ?? {}) as Record<string, unknown>;
  const pick = (key: string): unknown => (key in exports ? exports[key] : fallback[key]);
  const up = pick('up');
  const down = pick('down');
  const transaction = pick('transaction');
  const issues = [];
  if (typeof up !== 'function')
    issues.push({ path: `${where}#up`, rule: 'required', message: `${where} must export an up function` });
  if (down !== undefined && typeof down !== 'function') {
    issues.push({
      path: `${where}#down`,
      rule: 'type',
      message: `${where}: down must be a function when exported`,
    });
  }
  if (transaction !== undefined && typeof transaction !== 'boolean') {
    issues.push({
      path: `${where}#transaction`,
      rule: 'type',
      message: `${where}: transaction must be true or false`,
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    up: up as MigrationFn,
    ...(down ? { down: down as MigrationFn } : {}),
    transaction: transaction !== false,
  };
}
