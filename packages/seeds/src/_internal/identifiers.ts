import { quoteIdentifier as quote, ValidationError } from '@dalkit/connection';

/** SQL dialect families the writers distinguish. */
export type DialectFamily = 'postgres' | 'mysql';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

/** Throws a ValidationError naming `path` unless `name` is a plain SQL identifier. */
export function assertIdentifier(name: unknown, path: string): asserts name is string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new ValidationError([
      {
        path,
        rule: 'identifier',
        message: `${path} must be a plain SQL identifier (letters, digits, _; at most 63 characters), got ${JSON.stringify(name)}`,
      },
    ]);
  }
}

/** Quotes an identifier already checked by {@link assertIdentifier}. */
export function quoteIdentifier(name: string, dialect: DialectFamily): string {
  return quote(name, dialect);
}

/** A validated table name, possibly schema-qualified. */
export interface TableName {
  schema: string | undefined;
  table: string;
  /** `schema.table` or `table`, as written. */
  display: string;
}

/** Parses and validates `table` or `schema.table`. */
export function parseTableName(name: unknown, path = 'table'): TableName {
  const parts = typeof name === 'string' ? name.split('.') : [name];
  if (parts.length > 2) assertIdentifier(name, path);
  const table = parts.at(-1);
  const schema = parts.length === 2 ? parts[0] : undefined;
  assertIdentifier(table, path);
  if (schema !== undefined) assertIdentifier(schema, path);
  return { schema, table, display: schema ? `${schema}.${table}` : table };
}

/** Quotes a parsed table name. */
export function quoteTable(name: TableName, dialect: DialectFamily): string {
  const table = quoteIdentifier(name.table, dialect);
  return name.schema ? `${quoteIdentifier(name.schema, dialect)}.${table}` : table;
}

/** The dialect family of a Sequelize dialect name. */
export function dialectFamily(dialect: string): DialectFamily {
  return dialect === 'postgres' ? 'postgres' : 'mysql';
}
