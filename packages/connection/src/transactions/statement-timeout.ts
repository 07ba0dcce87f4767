import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { TransactionDialect } from './dialect-rules.js';

/** Undoes what {@link applyStatementTimeout} changed on the connection; run before COMMIT/ROLLBACK. */
export type RestoreTimeout = () => Promise<void>;

const NOTHING_TO_RESTORE: RestoreTimeout = async () => {};
const FLAVOURS = new WeakMap<Sequelize, Promise<'mariadb' | 'mysql'>>();

/** Whether a mysql-family server is MariaDB (max_statement_time) or MySQL (max_execution_time); asked once. */
function flavourOf(sequelize: Sequelize, transaction: Transaction): Promise<'mariadb' | 'mysql'> {
  let flavour = FLAVOURS.get(sequelize);
  if (!flavour) {
    flavour = sequelize
      .query<{ version: string }>('SELECT VERSION() AS version', { type: QueryTypes.SELECT, transaction })
      .then(([row]) => (/mariadb/i.test(row?.version ?? '') ? 'mariadb' : 'mysql'));
    FLAVOURS.set(sequelize, flavour);
    flavour.catch(() => FLAVOURS.delete(sequelize));
  }
  return flavour;
}

/**
 * Bounds every statement and lock wait of `transaction` by `timeoutMs`. PostgreSQL: `SET LOCAL`
 * (via `set_config(…, true)`) of statement_timeout and lock_timeout, which end with the
 * transaction. MariaDB: session `max_statement_time` and `innodb_lock_wait_timeout` (whole
 * seconds, at least 1), whose previous values the returned function puts back; MySQL:
 * `max_execution_time` (SELECTs only) and `innodb_lock_wait_timeout`.
 */
export async function applyStatementTimeout(
  sequelize: Sequelize,
  dialect: TransactionDialect,
  transaction: Transaction,
  timeoutMs: number | undefined,
): Promise<RestoreTimeout> {
  if (timeoutMs === undefined) return NOTHING_TO_RESTORE;
  if (dialect === 'postgres') {
    await sequelize.query(
      "SELECT set_config('statement_timeout', $1, true), set_config('lock_timeout', $1, true)",
      { bind: [String(timeoutMs)], transaction },
    );
    return NOTHING_TO_RESTORE;
  }
  const statementVariable =
    (await flavourOf(sequelize, transaction)) === 'mariadb' ? 'max_statement_time' : 'max_execution_time';
  const [previous] = await sequelize.query<{ lockWait: number; statementTime: number }>(
    `SELECT @@SESSION.innodb_lock_wait_timeout AS lockWait, @@SESSION.${statementVariable} AS statementTime`,
    { type: QueryTypes.SELECT, transaction },
  );
  const statementValue = statementVariable === 'max_statement_time' ? timeoutMs / 1000 : timeoutMs;
  // Numbers only (checked here), inlined: a prepared SET with a DECIMAL parameter is refused (1232).
  const set = (lockWait: number, statementTime: number) => {
    if (!Number.isFinite(lockWait) || !Number.isFinite(statementTime))
      throw new TypeError('timeouts must be numbers');
    return sequelize.query(
      `SET SESSION innodb_lock_wait_timeout = ${lockWait}, SESSION ${statementVariable} = ${statementTime}`,
      { transaction },
    );
  };
  await set(Math.max(1, Math.ceil(timeoutMs / 1000)), statementValue);
  return async () => {
    if (previous) await set(Number(previous.lockWait), Number(previous.statementTime));
  };
}
