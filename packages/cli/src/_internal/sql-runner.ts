/** The one thing backup, restore and check need from a connection: run SQL, get rows. */
export interface SqlRunner {
  /** The server dialect; the embedded database is `postgres`. */
  readonly dialect: 'postgres' | 'mariadb' | 'mysql';
  /** Runs one statement with bind parameters and returns its rows. */
  select<T extends Record<string, unknown>>(sql: string, bind?: readonly unknown[]): Promise<T[]>;
}
