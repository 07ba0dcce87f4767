import { type DialectFamily, quoteIdentifier } from '../_internal/identifiers.js';

/** What happens to a row whose natural key already exists. */
export type WriteMode = 'insert' | 'upsert' | 'insertMissing';

/** The most bind parameters one statement may carry (PostgreSQL and MySQL protocol limit). */
export const MAX_BIND_PARAMETERS = 65_535;

/** Rows per multi-row VALUES statement so that it stays within {@link MAX_BIND_PARAMETERS}. */
export function maxRowsPerValuesStatement(columnCount: number): number {
  return Math.max(1, Math.floor(MAX_BIND_PARAMETERS / columnCount));
}

/** The alias of the target table in PostgreSQL statements, for the upsert's change check. */
const EXISTING = '"existing"';

/** `INSERT INTO t` with PostgreSQL's alias for the existing row. */
function insertInto(quotedTable: string, dialect: DialectFamily): string {
  return dialect === 'postgres' ? `INSERT INTO ${quotedTable} AS ${EXISTING}` : `INSERT INTO ${quotedTable}`;
}

/** Options for {@link conflictClause}. */
export interface ConflictClauseInput {
  mode: WriteMode;
  dialect: DialectFamily;
  columns: readonly string[];
  conflictOn: readonly string[];
  /** PostgreSQL column types, so that `json` columns compare as text. */
  types?: ReadonlyMap<string, string>;
}

/**
 * The tail of an INSERT that makes it an upsert or an insert-if-missing. On PostgreSQL an
 * upsert only rewrites rows whose values differ, so re-seeding unchanged data writes nothing.
 */
export function conflictClause(input: ConflictClauseInput): string {
  const { mode, dialect, columns, conflictOn } = input;
  if (mode === 'insert') return '';
  const q = (c: string) => quoteIdentifier(c, dialect);
  const rest = columns.filter((c) => !conflictOn.includes(c));
  if (dialect === 'mysql') {
    const first = q(conflictOn[0] as string);
    const sets =
      mode === 'upsert' && rest.length > 0
        ? rest.map((c) => `${q(c)} = VALUES(${q(c)})`)
        : [`${first} = ${first}`];
    return ` ON DUPLICATE KEY UPDATE ${sets.join(', ')}`;
  }
  const target = ` ON CONFLICT (${conflictOn.map(q).join(', ')})`;
  if (mode === 'insertMissing' || rest.length === 0) return `${target} DO NOTHING`;
  const cast = (c: string) => (input.types?.get(c) === 'json' ? '::text' : '');
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
  const names = columns.map((c) => quoteIdentifier(c, 'postgres')).join(', ');
  const arrays = types.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
  return `${insertInto(quotedTable, 'postgres')} (${names}) SELECT * FROM unnest(${arrays}) AS s(${names})${tail}`;
}

/** A multi-row `INSERT … VALUES ($1, $2), ($3, $4)` for `rowCount` rows. */
export function valuesInsertSql(
  quotedTable: string,
  columns: readonly string[],
  rowCount: number,
  dialect: DialectFamily,
  tail: string,
): string {
  const names = columns.map((c) => quoteIdentifier(c, dialect)).join(', ');
  const tuples: string[] = new Array(rowCount);
  let n = 0;
  for (let r = 0; r < rowCount; r++) {
    const slots: string[] = new Array(columns.length);
    for (let c = 0; c < columns.length; c++) slots[c] = `$${++n}`;
    tuples[r] = `(${slots.join(', ')})`;
  }
  return `${insertInto(quotedTable, dialect)} (${names}) VALUES ${tuples.join(', ')}${tail}`;
}
