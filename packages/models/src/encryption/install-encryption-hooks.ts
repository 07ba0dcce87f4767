import { ValidationError } from '@dalkit/connection';
import type { Model, ModelStatic } from 'sequelize';
import { addHook } from '../_internal/add-hook.js';
import { type EncryptedColumn, encryptedColumns } from './encryption-binding.js';

interface BulkUpdateOptions {
  attributes?: Record<string, unknown>;
  fields?: string[];
}

function plaintextOf(column: EncryptedColumn, value: string): string {
  if (column.ring.keyIdOf(value) === undefined) return value;
  try {
    return column.ring.decrypt(value, column.context);
  } catch {
    return value;
  }
}

function encryptBulkValues(columns: readonly EncryptedColumn[], options: BulkUpdateOptions): void {
  const values = options.attributes;
  if (!values) return;
  for (const column of columns) {
    if (!(column.attribute in values)) continue;
    const value = values[column.attribute];
    const plaintext = typeof value === 'string' ? plaintextOf(column, value) : value;
    values[column.attribute] =
      typeof plaintext === 'string' ? column.ring.encrypt(plaintext, column.context) : plaintext;
    if (!column.blindIndexAttribute) continue;
    values[column.blindIndexAttribute] =
      typeof plaintext === 'string'
        ? column.ring.blindIndex(column.normalize(plaintext), column.context)
        : null;
    if (options.fields && !options.fields.includes(column.blindIndexAttribute))
      options.fields.push(column.blindIndexAttribute);
  }
}

/**
 * Encrypts the values of `Model.update(values, { where })` (a bulk update bypasses the
 * attribute setters) and refuses a `where` on an encrypted attribute, which could never
 * match: such lookups go through the blind index (`blindIndexWhere`).
 */
export function installEncryptionHooks(model: ModelStatic<Model>): void {
  const columns = encryptedColumns(model);
  if (columns.length === 0) return;
  addHook(model, 'beforeBulkUpdate', 'dalkit:encryption', (options: BulkUpdateOptions) => {
    encryptBulkValues(columns, options);
  });
  addHook(model, 'beforeFind', 'dalkit:encryption', (options: { where?: unknown }) => {
    const where = options.where;
    if (!where || typeof where !== 'object') return;
    const issues = columns
      .filter((c) => Object.hasOwn(where, c.attribute))
      .map((c) => ({
        path: `where.${c.attribute}`,
        rule: 'encrypted',
        message: c.blindIndexAttribute
          ? `${c.attribute} is encrypted: look it up with blindIndexWhere(${model.name}, '${c.attribute}', value)`
          : `${c.attribute} is encrypted and has no blind index, so it cannot be searched`,
      }));
    if (issues.length > 0) throw new ValidationError(issues);
  });
}
