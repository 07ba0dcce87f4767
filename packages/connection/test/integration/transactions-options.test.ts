import { describeEachTarget } from '@dalkit/testing/vitest';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTransactionManager,
  type Database,
  IsolationLevel,
  isDalkitError,
  type TransactionManager,
  TransientError,
} from '../../src/index.js';
import {
  committedTags,
  type defineEvent,
  insertEvent,
  openDatabase,
  recordingLogger,
  useTransactionTables,
} from './transactions-fixtures.js';

describeEachTarget('transaction options', (suite) => {
  let db: Database;
  let Event: ReturnType<typeof defineEvent>;
  const mariadb = suite.target === 'mariadb';

  /** The isolation level the current transaction really runs, asked from the server. */
  async function isolationInside(): Promise<string> {
    if (!mariadb) {
      const [row] = await db.sequelize.query<{ level: string }>('SHOW transaction_isolation', {
        type: QueryTypes.SELECT,
      });
      return Object.values(row ?? {})[0]?.toUpperCase() ?? '';
    }
    await db.sequelize.query('SELECT count(*) FROM events FOR UPDATE'); // makes InnoDB register the transaction
    await db.sequelize.query('SELECT SLEEP(0.15)'); // INNODB_TRX is a cache refreshed at most every 100 ms
    const [row] = await db.sequelize.query<{ level: string }>(
      'SELECT trx_isolation_level AS level FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = CONNECTION_ID()',
      { type: QueryTypes.SELECT },
    );
    return row?.level ?? '';
  }

  useTransactionTables(suite, (t) => ({ db, Event } = t), { max: 3 });

  it('should run each isolation level the dialect implements', async () => {
    const levels = Object.values(IsolationLevel).filter(
      (l) => mariadb || l !== IsolationLevel.READ_UNCOMMITTED,
    );
    for (const isolationLevel of levels) {
      const seen = await db.transaction(isolationInside, { isolationLevel });
      expect(seen.replace('-', ' ')).toBe(isolationLevel);
    }
  });

  it('should refuse READ UNCOMMITTED on PostgreSQL, where it would silently be READ COMMITTED', async () => {
    const run = db.transaction(async () => 'ran', { isolationLevel: IsolationLevel.READ_UNCOMMITTED });
    if (mariadb) await expect(run).resolves.toBe('ran');
    else await expect(run).rejects.toMatchObject({ code: 'TRANSACTION_STATE', message: /READ UNCOMMITTED/ });
  });

  it('should keep the isolation level to its own transaction (the next one runs the default)', async () => {
    const defaultLevel = await db.transaction(isolationInside);
    await db.transaction(isolationInside, { isolationLevel: IsolationLevel.SERIALIZABLE });
    const pooled = await Promise.all([1, 2, 3].map(() => db.transaction(isolationInside)));
    expect(new Set(pooled)).toEqual(new Set([defaultLevel]));
  });

  it('should refuse writes in a readOnly transaction and accept reads', async () => {
    await expect(db.transaction(async () => Event.count(), { readOnly: true })).resolves.toBe(0);
    const error = await db
      .transaction(() => insertEvent(db, 'nope'), { readOnly: true })
      .catch((e: unknown) => e);
    expect(isDalkitError(error, 'QUERY_FAILED')).toBe(true);
    expect(error).toMatchObject({ sqlState: mariadb ? '1792' : '25006' });
    expect(await committedTags(db)).toEqual([]);
  });

  it('should retry a transient failure of the outermost transaction with backoff, re-running fn from the start', async () => {
    const sleeps: number[] = [];
    const manager: TransactionManager = createTransactionManager(db.sequelize, {
      logger: recordingLogger(),
      dialect: db.dialect,
      clock: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    });
    let calls = 0;
    const result = await manager.transaction(async () => {
      calls += 1;
      await insertEvent(db, `attempt-${calls}`);
      if (calls < 3) throw new TransientError('serialization', 'simulated serialization failure');
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([10, 20]);
    expect(await committedTags(db)).toEqual(['attempt-3']);

    calls = 0;
    const gaveUp = await manager
      .transaction(
        async () => {
          calls += 1;
          throw new TransientError('deadlock', 'simulated deadlock');
        },
        { retry: { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 150 } },
      )
      .catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect(gaveUp).toMatchObject({ code: 'TRANSIENT', reason: 'deadlock', attempts: 4 });
    expect(sleeps.slice(2)).toEqual([50, 75, 75]);
  });

  it('should never retry other errors, retry: false, or a savepoint on its own', async () => {
    let calls = 0;
    const other = new Error('not transient');
    await expect(
      db.transaction(async () => {
        calls += 1;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(calls).toBe(1);

    calls = 0;
    const once = await db
      .transaction(
        async () => {
          calls += 1;
          throw new TransientError('deadlock', 'simulated');
        },
        { retry: false },
      )
      .catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(once).toMatchObject({ attempts: 1 });

    let outer = 0;
    let inner = 0;
    await db
      .transaction(
        async () => {
          outer += 1;
          await db.transaction(async () => {
            inner += 1;
            throw new TransientError('serialization', 'simulated');
          });
        },
        { retry: { maxAttempts: 3, initialDelayMs: 0 } },
      )
      .catch(() => {});
    expect([outer, inner]).toEqual([3, 3]);
  });
});

describeEachTarget(
  'transaction timeoutMs (PGlite does not enforce statement timeouts)',
  (suite) => {
    let db: Database;
    const mariadb = suite.target === 'mariadb';
    const sessionTimeouts = async () =>
      db.sequelize.query<Record<string, unknown>>(
        mariadb
          ? 'SELECT @@SESSION.innodb_lock_wait_timeout AS lockWait, @@SESSION.max_statement_time AS statementTime'
          : "SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock",
        { type: QueryTypes.SELECT },
      );

    beforeAll(() => {
      db = openDatabase(suite.database, 1); // one connection: what the transaction changed stays visible after it
    });
    afterAll(() => db.close());

    it('should cancel a statement running longer than timeoutMs with a TimeoutError, not retried', async () => {
      const before = await sessionTimeouts();
      let calls = 0;
      const error = await db
        .transaction(
          async () => {
            calls += 1;
            await db.sequelize.query(mariadb ? 'SELECT SLEEP(2)' : 'SELECT pg_sleep(2)');
          },
          { timeoutMs: 200 },
        )
        .catch((e: unknown) => e);
      expect(isDalkitError(error, 'TIMEOUT')).toBe(true);
      expect(calls).toBe(1);
      expect(await sessionTimeouts()).toEqual(before);
    });

    it('should apply timeoutMs inside the transaction only', async () => {
      const before = await sessionTimeouts();
      const inside = await db.transaction(sessionTimeouts, { timeoutMs: 1500 });
      expect(inside).toEqual(
        mariadb ? [{ lockWait: 2, statementTime: 1.5 }] : [{ statement: '1500ms', lock: '1500ms' }],
      );
      expect(await sessionTimeouts()).toEqual(before);
    });
  },
  { targets: ['postgres', 'mariadb'] },
);
