import { ValidationError } from '@dalkit/connection';
import type { Model, ModelStatic } from 'sequelize';
import { encryptedColumn } from './encryption-binding.js';

/**
 * The `where` clause that finds rows whose encrypted `attribute` equals `value`, through the
 * attribute's blind index.
 * @example await User.findOne({ where: blindIndexWhere(User, 'email', 'ada@example.com') });
 */
export function blindIndexWhere<M extends Model>(
  model: ModelStatic<M>,
  attribute: string,
  value: string,
): Record<string, string> {
  const column = encryptedColumn(model, attribute);
  if (!column.blindIndexAttribute) {
    throw new ValidationError([
      {
        path: attribute,
        rule: 'blindIndex',
        message: `${attribute} has no blind index: declare @Encrypted({ blindIndex: true })`,
      },
    ]);
  }
  return { [column.blindIndexAttribute]: column.ring.blindIndex(column.normalize(value), column.context) };
}
