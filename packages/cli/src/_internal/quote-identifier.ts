import { ValidationError } from '@dalkit/connection';

/**
 * Quotes a catalog identifier (a table or schema name read from the database) for the
 * dialect: `"name"` with `"` doubled on PostgreSQL, `` `name` `` with `` ` `` doubled on
 * MariaDB. Names with control characters or over 128 characters are refused.
 */
export function quoteIdentifier(name: string, dialect: 'postgres' | 'mariadb' | 'mysql'): string {
  if (name.length === 0 || name.length > 128 || [...name].some((ch) => ch.charCodeAt(0) < 32)) {
    throw new ValidationError([
      { path: 'identifier', rule: 'pattern', message: `Refusing the identifier ${JSON.stringify(name)}` },
    ]);
  }
  return dialect === 'postgres' ? `"${name.replace(/"/g, '""')}"` : `\`${name.replace(/`/g, '``')}\``;
}
