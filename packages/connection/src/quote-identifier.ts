/**
 * Quotes a table, column, schema or role name for SQL text: double quotes on PostgreSQL,
 * backticks on MariaDB/MySQL (`'mariadb'` and `'mysql'` both accepted), doubling any quote
 * inside the name. Values never go through here: they are bind parameters.
 * @example quoteIdentifier('order items', 'postgres') // '"order items"'
 */
export function quoteIdentifier(name: string, dialect: 'postgres' | 'mariadb' | 'mysql'): string {
  return dialect === 'postgres' ? `"${name.replace(/"/g, '""')}"` : `\`${name.replace(/`/g, '``')}\``;
}
