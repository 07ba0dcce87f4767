import { bulkInsert } from '@dalkit/connection';
import type { Transaction } from 'sequelize';
import { createRows } from './create-rows.js';
import type { RepositoryCore } from './repository-core.js';

/**
 * Inserts createMany input: rows are prepared by {@link createRows} (fields, defaults,
 * timestamps, optional validation), then written by `bulkInsert` of @dalkit/connection (COPY
 * on a PostgreSQL server, `unnest()` on the embedded one, VALUES chunks of at most 65,535
 * parameters on MariaDB) in `tx`. Returns the number of rows written.
 */
export async function insertMany(
  core: RepositoryCore,
  rows: readonly object[],
  validate: boolean,
  tx: Transaction | undefined,
): Promise<number> {
  const { columns, values } = await createRows(core, rows, validate);
  if (values.length === 0) return 0;
  const { rowsAffected } = await bulkInsert(core.sequelize, {
    table: { schema: core.meta.schema, name: core.meta.table },
    columns: columns.map((c) => c.column),
    rows: values,
    transaction: tx,
  });
  return rowsAffected;
}
