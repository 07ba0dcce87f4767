import { quoteIdentifier } from '../quote-identifier.js';
import type { BulkConflict, BulkTable } from './types.js';

/** The SQL families the bulk writer distinguishes. */
export type SqlFamily = 'postgres' | 'mysql';

/** The most bind parameters one statement may carry (PostgreSQL and MySQL protocol limit). */
export const MAX_BIND_PARAMETERS = 65_535;

/** Rows per multi-row VALUES statement so that it stays within {@link MAX_BIND_PARAMETERS}. */
export function maxRowsPerValuesStatement(columnCount: number): number {
  return Math.max(1, Math.floor(MAX_BIND_PARAMETERS / columnCount));
}

/** The alias of the target table in PostgreSQL statements, for the upsert's change check. */
const EXISTING = '"existing"';

/** `schema.table` or `table`, as given. */
export function tableDisplayName(table: BulkTable): string {
  return typeof table === 'string' ? table : table.schema ? `${table.schema}.${table.name}` : table.name;
}

/** The quoted table name; a string is split at its dot into schema and table. */
export function quoteTable(table: BulkTable, family: SqlFamily): string {
  const parts = typeof table === 'string' ? table.split('.') : [table.schema, table.name];
  return parts
    .filter((part): part is string => part !== undefined)
    .map((part) => quoteIdentifier(part, family))
    .join('.');
}

function quoteColumns(columns: readonly string[], family: SqlFamily): string {
  return columns.map((c) => quoteIdentifier(c, family)).join(', ');
}

/** `INSERT INTO t` with PostgreSQL's alias for the existing row. */
function insertInto(quotedTable: string, family: SqlFamily): string {
  return family === 'postgres' ? `INSERT INTO ${quotedTable} AS ${EXISTING}` : `INSERT INTO ${quotedTable}`;
}

/**
 * The tail of an INSERT that makes it an upsert or an insert-if-missing ('' without a
 * conflict). On PostgreSQL an upsert only rewrites rows whose values differ, comparing `json`
 * columns (which have no equality operator) as text, so re-sending unchanged rows writes nothing.
 */
export function conflictClause(
  conflict: BulkConflict | undefined,
  columns: readonly string[],
  family: SqlFamily,
  types?: ReadonlyMap<string, string>,
): string {
  if (!conflict) return '';
  const q = (c: string) => quoteIdentifier(c, family);
  const rest = columns.filter((c) => !conflict.columns.includes(c));
  if (family === 'mysql') {
    const first = q(conflict.columns[0] as string);
    const sets =
      conflict.action === 'update' && rest.length > 0
        ? rest.map((c) => `${q(c)} = VALUES(${q(c)})`)
        : [`${first} = ${first}`];
    return ` ON DUPLICATE KEY UPDATE ${sets.join(', ')}`;
  }
  const target = ` ON CONFLICT (${conflict.columns.map(q).join(', ')})`;
  if (conflict.action === 'nothing' || rest.length === 0) return `${target} DO NOTHING`;
  const cast = (c: string) => (types?.get(c) === 'json' ? '::text' : '');
  const mine = rest.map((c) => `${EXISTING}.${q(c)}${cast(c)}`).join(', ');
  const theirs = rest.map((c) => `EXCLUDED.${q(c)}${cast(c)}`).join(', ');
  return `${target} DO UPDATE SET ${rest.map((c) => `${q(c)} = EXCLUDED.${q(c)}`).join(', ')} WHERE (${mine}) IS DISTINCT FROM (${theirs})`;
}

/** `INSERT … SELECT * FROM unnest($1::t1[], …)`: one bind parameter per column, any row count. */
export function unnestInsertSql(
  quotedTable: string,
  columns: readonly string[],
  types: readonly string[],
  tail: string,
): string {
  const names = quoteColumns(columns, 'postgres');
  const arrays = types.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
  return `${insertInto(quotedTable, 'postgres')} (${names}) SELECT * FROM unnest(${arrays}) AS s(${names})${tail}`;
}

/** A multi-row `INSERT … VALUES ($1, $2), ($3, $4)` for `rowCount` rows. */
export function valuesInsertSql(
  quotedTable: string,
  columns: readonly string[],
  rowCount: number,
  family: SqlFamily,
  tail: string,
): string {
  const tuples: string[] = new Array(rowCount);
  let n = 0;
  for (let r = 0; r < rowCount; r++) {
    const slots: string[] = new Array(columns.length);
    for (let c = 0; c < columns.length; c++) slots[c] = `$${++n}`;
    tuples[r] = `(${slots.join(', ')})`;
  }
  return `${insertInto(quotedTable, family)} (${quoteColumns(columns, family)}) VALUES ${tuples.join(', ')}${tail}`;
}

/** `COPY t (a, b) FROM STDIN`: text format, tab-separated, `\N` for NULL. */
export function copyFromSql(quotedTable: string, columns: readonly string[]): string {
  return `COPY ${quotedTable} (${quoteColumns(columns, 'postgres')}) FROM STDIN`;
}
