import type { AttributeMeta, ModelMeta } from './model-meta.js';
import type { SqlDialect } from './sql-builder.js';

/** Fixes the few values a driver returns differently from the model's type (MariaDB booleans). */
export class RowMapper {
  private readonly booleans = new WeakMap<ModelMeta, readonly AttributeMeta[]>();
  constructor(private readonly dialect: SqlDialect) {}

  /** Normalizes one attribute-keyed row in place. */
  fix(meta: ModelMeta, row: Record<string, unknown>): void {
    if (this.dialect === 'postgres') return;
    let list = this.booleans.get(meta);
    if (!list) {
      list = [...meta.attributes.values()].filter((a) => a.kind === 'boolean');
      this.booleans.set(meta, list);
    }
    for (const attribute of list) {
      const value = row[attribute.name];
      if (value !== null && value !== undefined) row[attribute.name] = Boolean(Number(value));
    }
  }
}
