import { ConfigError } from '@dalkit/connection';
import { type Model, type ModelStatic, Op, type Transaction } from 'sequelize';
import { encryptedColumns } from './encryption-binding.js';

/** Options of {@link reencrypt}. */
export interface ReencryptOptions {
  /** Rows read and rewritten per round trip. @default 500 */
  batchSize?: number;
  /** Run inside this transaction. */
  transaction?: Transaction;
}

/** What {@link reencrypt} did. */
export interface ReencryptResult {
  /** Rows read. */
  scanned: number;
  /** Rows rewritten with the active key. */
  reencrypted: number;
}

/**
 * Key rotation: rewrites every encrypted value of `model` that was written with an older key
 * using the key ring's active key, in primary-key order and batches. Soft-deleted rows are
 * included; `updated_at`, audit columns and `version` are left alone. Safe to re-run.
 */
export async function reencrypt<M extends Model>(
  model: ModelStatic<M>,
  options: ReencryptOptions = {},
): Promise<ReencryptResult> {
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new ConfigError([
      {
        key: 'batchSize',
        source: 'reencrypt options',
        expected: 'a positive integer',
        received: String(batchSize),
      },
    ]);
  }
  const columns = encryptedColumns(model);
  const pk = model.primaryKeyAttribute;
  const result: ReencryptResult = { scanned: 0, reencrypted: 0 };
  let after: unknown;
  for (;;) {
    const rows = (await model.findAll({
      attributes: [pk, ...columns.map((c) => c.attribute)],
      where: (after === undefined ? {} : { [pk]: { [Op.gt]: after } }) as never,
      order: [[pk, 'ASC']],
      limit: batchSize,
      paranoid: false,
      raw: true,
      transaction: options.transaction,
    })) as unknown as Record<string, unknown>[];
    for (const row of rows) {
      const changes: Record<string, string> = {};
      for (const c of columns) {
        const stored = row[c.attribute];
        if (typeof stored === 'string' && c.ring.keyIdOf(stored) !== c.ring.activeKeyId) {
          changes[c.attribute] = c.ring.encrypt(c.ring.decrypt(stored, c.context), c.context);
        }
      }
      if (Object.keys(changes).length > 0) {
        await model.update(changes as never, {
          where: { [pk]: row[pk] } as never,
          hooks: false,
          silent: true,
          validate: false,
          paranoid: false,
          transaction: options.transaction,
        });
        result.reencrypted += 1;
      }
    }
    result.scanned += rows.length;
    if (rows.length < batchSize) return result;
    after = rows[rows.length - 1]?.[pk];
  }
}
