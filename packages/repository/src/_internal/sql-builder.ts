/** The SQL dialects the compiler writes. */
export type SqlDialect = 'postgres' | 'mariadb' | 'mysql';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

/** Accumulates bind parameters while SQL text is written; placeholders are `$1, $2, …`. */
export class SqlBuilder {
  readonly params: unknown[] = [];
  constructor(readonly dialect: SqlDialect) {}

  /** True on PostgreSQL (arrays, ILIKE, RETURNING, NULLS FIRST). */
  get isPostgres(): boolean {
    return this.dialect === 'postgres';
  }

  /** Adds a bind parameter and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Quotes an identifier that came from model metadata, after checking its shape. */
  id(name: string): string {
    if (!IDENTIFIER.test(name)) throw new TypeError(`Refusing to quote identifier ${JSON.stringify(name)}`);
    return this.isPostgres ? `"${name}"` : `\`${name}\``;
  }

  /** A column alias naming a nested value, `"relation.attribute"`: each part checked, quoted whole. */
  nestedAlias(...parts: string[]): string {
    for (const part of parts) this.id(part);
    const name = parts.join('.');
    return this.isPostgres ? `"${name}"` : `\`${name}\``;
  }

  /** `alias.column`, both quoted. */
  column(alias: string, column: string): string {
    return `${this.id(alias)}.${this.id(column)}`;
  }

  /** A table name, schema-qualified when given. */
  table(table: string, schema?: string): string {
    return schema ? `${this.id(schema)}.${this.id(table)}` : this.id(table);
  }
}
