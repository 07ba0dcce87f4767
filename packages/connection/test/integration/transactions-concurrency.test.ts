import { setTimeout as delay } from 'node:timers/promises';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Database, IsolationLevel, isDalkitError, type TransientError } from '../../src/index.js';
import {
  committedTags,
  type defineAccount,
  defineEvent,
  insertEvent,
  latch,
  openDatabase,
  recordingLogger,
  useTransactionTables,
} from './transactions-fixtures.js';

/** Resolves once `parties` callers have arrived: lines up two transactions on their first attempt. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  const all = latch();
  return () => {
    arrived += 1;
    if (arrived === parties) all.open();
    return all.promise;
  };
}

describeEachTarget('transactions under concurrency', (suite) => {
  let db: Database;
  let Event: ReturnType<typeof defineEvent>;

  useTransactionTables(suite, (t) => ({ db, Event } = t));

  it('should keep concurrent independent transactions on one pool out of each other’s context', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        db.transaction(async (tx) => {
          await delay((i * 7) % 5);
          expect(db.currentTransaction()).toBe(tx);
          await insertEvent(db, `t${String(i).padStart(2, '0')}`);
          await delay((i * 3) % 4);
          expect(db.currentTransaction()).toBe(tx);
          if (i % 2 === 1) throw new Error(`roll back ${i}`);
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(6);
    expect(await committedTags(db)).toEqual(['t00', 't02', 't04', 't06', 't08', 't10']);
  });
});

describeEachTarget(
  'transactions against a server',
  (suite) => {
    let db: Database;
    let Event: ReturnType<typeof defineEvent>;
    let Account: ReturnType<typeof defineAccount>;
    const logger = recordingLogger();

    useTransactionTables(suite, (t) => ({ db, Event, Account } = t), { logger });

    const retried = (reason: string) =>
      logger.lines.filter((l) => l.msg?.includes('retrying it from the start') && l.obj.reason === reason);

    it('should resolve a real deadlock between two connections by retrying the victim from the start', async () => {
      await Account.bulkCreate([
        { id: 1, balance: 100 },
        { id: 2, balance: 100 },
      ]);
      const bothHoldOneRow = barrier(2);
      let attempts = 0;
      const move = (from: number, to: number, amount: number) =>
        db.transaction(
          async () => {
            attempts += 1;
            const first = attempts <= 2;
            await db.sequelize.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', {
              bind: [amount, from],
            });
            if (first) await bothHoldOneRow();
            // The second update runs in a savepoint whose failure is caught: the transaction must still be retried.
            await db
              .transaction(async () => {
                await db.sequelize.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', {
                  bind: [amount, to],
                });
              })
              .catch((error: unknown) => {
                if (!isDalkitError(error, 'TRANSIENT')) throw error;
              });
          },
          { retry: { maxAttempts: 5, initialDelayMs: 10 } },
        );
      await Promise.all([move(1, 2, 10), move(2, 1, 30)]);
      const balances = await Account.findAll({ order: [['id', 'ASC']], raw: true });
      expect(balances).toEqual([
        { id: 1, balance: 120 },
        { id: 2, balance: 80 },
      ]);
      expect(attempts).toBe(3);
      expect(retried('deadlock')).toHaveLength(1);
    });

    it('should resolve a real serialization conflict under SERIALIZABLE by retrying', async () => {
      const bothRead = barrier(2);
      let attempts = 0;
      const appendNext = (who: string) =>
        db.transaction(
          async () => {
            attempts += 1;
            const first = attempts <= 2;
            const [row] = await db.sequelize.query<{ n: number }>('SELECT count(*) AS n FROM events', {
              type: QueryTypes.SELECT,
            });
            if (first) await bothRead();
            await insertEvent(db, `${Number(row?.n)}-${who}`);
          },
          { isolationLevel: IsolationLevel.SERIALIZABLE, retry: { maxAttempts: 5, initialDelayMs: 10 } },
        );
      await Promise.all([appendNext('a'), appendNext('b')]);
      const tags = await committedTags(db);
      expect(tags.map((t) => t.split('-')[0])).toEqual(['0', '1']);
      // A retry that starts before the winner commits may conflict once more.
      expect(attempts).toBeGreaterThanOrEqual(3);
      expect(retried(suite.target === 'mariadb' ? 'deadlock' : 'serialization').length).toBe(attempts - 2);
    });

    it('should give up after the last attempt with a TransientError saying how many were made', async () => {
      await Account.bulkCreate([{ id: 1, balance: 0 }]);
      const holder = await db.begin();
      await db.sequelize.query('UPDATE accounts SET balance = 1 WHERE id = 1', {
        transaction: holder.transaction,
      });
      // NOWAIT fails at once with a lock-not-available error, which is retried like a lock wait timeout.
      let attempts = 0;
      try {
        const error = await db
          .transaction(
            async () => {
              attempts += 1;
              await db.sequelize.query('SELECT id FROM accounts WHERE id = 1 FOR UPDATE NOWAIT');
            },
            { retry: { maxAttempts: 2, initialDelayMs: 0 } },
          )
          .catch((e: unknown) => e);
        expect(isDalkitError(error, 'TRANSIENT')).toBe(true);
        expect(error).toMatchObject({ reason: 'lock_timeout', attempts: 2 });
        expect((error as Error).message).toContain('2 attempts');
        expect(attempts).toBe(2);
      } finally {
        await holder.rollback();
      }
    });

    it('should run 50 concurrent outer transactions, each with a savepoint, on a pool of 5', async () => {
      const small = openDatabase(suite.database, 5);
      try {
        await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            small.transaction(async () => {
              await insertEvent(small, `o${i}`);
              await small
                .transaction(async () => {
                  await insertEvent(small, `n${i}`);
                  if (i % 5 === 0) throw new Error('undo this savepoint');
                })
                .catch(() => {});
            }),
          ),
        );
      } finally {
        await small.close();
      }
      expect(await committedTags(db)).toHaveLength(50 + 40);
    }, 30_000);

    it('should commit a "requiresNew" transaction even when the outer one rolls back', async () => {
      await db
        .transaction(async (outer) => {
          await insertEvent(db, 'outer');
          await db.transaction(
            async (inner) => {
              expect(inner).not.toBe(outer);
              expect(db.currentTransaction()).toBe(inner);
              await insertEvent(db, 'independent');
            },
            { propagation: 'requiresNew' },
          );
          expect(db.currentTransaction()).toBe(outer);
          throw new Error('outer rolls back');
        })
        .catch(() => {});
      expect(await committedTags(db)).toEqual(['independent']);
    });
  },
  { targets: ['postgres', 'mariadb'] },
);

describeEachTarget(
  'a connection killed mid-transaction',
  (suite) => {
    let db: Database;
    let admin: Database;
    beforeAll(async () => {
      db = openDatabase(suite.database, 3);
      admin = openDatabase(suite.database, 1);
      await defineEvent(db).sync();
    });
    afterAll(async () => {
      await db.close();
      await admin.close();
    });

    it('should leave nothing committed, fail with a TransientError and let the pool recover', async () => {
      const error = await db
        .transaction(
          async () => {
            await insertEvent(db, 'before-kill');
            const [row] = await db.sequelize.query<{ pid: number }>('SELECT pg_backend_pid() AS pid', {
              type: QueryTypes.SELECT,
            });
            await admin.query('SELECT pg_terminate_backend($1)', { bind: [row?.pid] });
            await insertEvent(db, 'after-kill');
          },
          { retry: false },
        )
        .catch((e: unknown) => e);
      expect(isDalkitError(error, 'TRANSIENT')).toBe(true);
      expect((error as TransientError).reason).toBe('connection');
      expect(await committedTags(db)).toEqual([]);
      for (let i = 0; i < 5; i++) {
        await expect(db.query('SELECT 1 AS one')).resolves.toHaveLength(1);
      }
      await db.transaction(async () => insertEvent(db, 'recovered'));
      expect(await committedTags(db)).toEqual(['recovered']);
    });
  },
  { targets: ['postgres'] },
);
