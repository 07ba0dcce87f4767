import { quoteIdentifier as quote, ValidationError } from '@dalkit/connection';

/**
 * Quotes a catalog identifier (a table or schema name read from the database) for the
 * dialect, through @dalkit/connection's `quoteIdentifier`. Names with control characters or
 * over 128 characters are refused first.
 */
export function quoteIdentifier(name: string, dialect: 'postgres' | 'mariadb' | 'mysql'): string {
  if (name.length === 0 || name.length > 128 || [...name].some((ch) => ch.charCodeAt(0) < 32)) {
    throw new ValidationError([
      { path: 'identifier', rule: 'pattern', message: `Refusing the identifier ${JSON.stringify(name)}` },
    ]);
  }
  return quote(name, dialect);
}
