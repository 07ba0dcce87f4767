import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { ValidationError } from '../errors/errors.js';

// Without the length modifier: an explicit cast to varchar(3) or char(2) silently cuts a longer
// string, while the INSERT's own assignment to the column refuses it. A bare bit is bit(1), so
// bit keeps its length.
const COLUMN_TYPES_SQL = `SELECT a.attname AS name, format_type(a.atttypid,
  CASE WHEN a.atttypid IN ('bit'::regtype, '_bit'::regtype) THEN a.atttypmod ELSE -1 END) AS type
FROM pg_attribute a
WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped`;

/**
 * The SQL type of each column of a PostgreSQL table as `format_type` spells it, without length
 * modifiers (`integer`, `character varying`, `bpchar`, `numeric`, `timestamp with time zone`,
 * `text[]`, …): the casts of `unnest()` arrays. A missing table is a ValidationError naming it.
 */
export async function postgresColumnTypes(
  sequelize: Sequelize,
  quotedTable: string,
  displayName: string,
  transaction: Transaction | undefined,
): Promise<Map<string, string>> {
  const rows = await sequelize.query<{ name: string; type: string }>(COLUMN_TYPES_SQL, {
    bind: [quotedTable],
    type: QueryTypes.SELECT,
    transaction,
    logging: false,
    useMaster: true,
  });
  if (rows.length === 0) {
    throw new ValidationError([
      { path: 'table', rule: 'exists', message: `table: ${displayName} does not exist` },
    ]);
  }
  return new Map(rows.map((r) => [r.name, r.type]));
}

/** The type of each column, in order; a ValidationError names the first column the table lacks. */
export function typesOfColumns(
  types: ReadonlyMap<string, string>,
  displayName: string,
  columns: readonly string[],
): string[] {
  return columns.map((column, i) => {
    const type = types.get(column);
    if (type === undefined) {
      throw new ValidationError([
        {
          path: `columns[${i}]`,
          rule: 'unknownField',
          message: `columns[${i}]: table ${displayName} has no column ${JSON.stringify(column)}`,
        },
      ]);
    }
    return type;
  });
}
