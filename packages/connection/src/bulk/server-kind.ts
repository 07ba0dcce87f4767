import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

const EMBEDDED = new WeakMap<Sequelize, boolean>();

/**
 * True when the PostgreSQL behind `sequelize` is the embedded PGlite (its `version()` says
 * so), asked once per instance. PGlite's socket server loses protocol sync on COPY FROM STDIN
 * and drops the connection, so bulk loads there use `unnest()`.
 */
export async function isEmbeddedPostgres(
  sequelize: Sequelize,
  transaction: Transaction | undefined,
): Promise<boolean> {
  const known = EMBEDDED.get(sequelize);
  if (known !== undefined) return known;
  const [row] = await sequelize.query<{ version: string }>('SELECT version() AS version', {
    type: QueryTypes.SELECT,
    transaction,
    logging: false,
    useMaster: true,
  });
  const embedded = /PGlite|emscripten/i.test(row?.version ?? '');
  EMBEDDED.set(sequelize, embedded);
  return embedded;
}

/** True when Sequelize talks to PostgreSQL through the JavaScript `pg` client (not `pg-native`). */
export function usesJavaScriptPg(sequelize: Sequelize): boolean {
  return sequelize.getDialect() === 'postgres' && (sequelize.config as { native?: boolean }).native !== true;
}
