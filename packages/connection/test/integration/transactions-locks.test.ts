import { setTimeout as delay } from 'node:timers/promises';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { expect, it } from 'vitest';
import { type Database, isDalkitError, rowLockOptions, ValidationError } from '../../src/index.js';
import {
  committedTags,
  type defineAccount,
  type defineEvent,
  insertEvent,
  latch,
  useTransactionTables,
} from './transactions-fixtures.js';

describeEachTarget('locks', (suite) => {
  let db: Database;
  let Event: ReturnType<typeof defineEvent>;
  let Account: ReturnType<typeof defineAccount>;

  useTransactionTables(suite, (t) => ({ db, Event, Account } = t), { max: 4 });

  it('should run fn under an advisory lock inside a transaction, and roll back with it', async () => {
    const result = await db.withAdvisoryLock('reports:daily', async () => {
      expect(db.currentTransaction()).toBeDefined();
      await insertEvent(db, 'locked-work');
      return 'done';
    });
    expect(result).toBe('done');
    await expect(
      db.withAdvisoryLock(42, async () => {
        await insertEvent(db, 'undone');
        throw new Error('fails under the lock');
      }),
    ).rejects.toThrow('fails under the lock');
    expect(await committedTags(db)).toEqual(['locked-work']);
    // Released: taking it again does not wait.
    await expect(db.withAdvisoryLock('reports:daily', async () => 'again', { timeoutMs: 100 })).resolves.toBe(
      'again',
    );
  });

  it('should refuse an advisory lock key that is not a name or a 64-bit integer', async () => {
    await expect(db.withAdvisoryLock('', async () => {})).rejects.toBeInstanceOf(ValidationError);
    await expect(db.withAdvisoryLock(1.5, async () => {})).rejects.toBeInstanceOf(ValidationError);
    await expect(db.withAdvisoryLock(2n ** 64n, async () => {})).rejects.toBeInstanceOf(ValidationError);
  });

  it('should take row locks through rowLockOptions inside a transaction', async () => {
    await Account.bulkCreate([
      { id: 1, balance: 10 },
      { id: 2, balance: 20 },
    ]);
    const rows = await db.transaction(() =>
      Account.findAll({ ...rowLockOptions('update'), order: [['id', 'ASC']], raw: true }),
    );
    expect(rows).toHaveLength(2);
    expect(() => rowLockOptions('exclusive' as never)).toThrow(ValidationError);
  });
});

describeEachTarget(
  'locks between connections',
  (suite) => {
    let db: Database;
    let Account: ReturnType<typeof defineAccount>;

    useTransactionTables(suite, (t) => ({ db, Account } = t), { max: 4 });

    it('should make a second holder wait for an advisory lock, or give up after timeoutMs with LOCK_TIMEOUT', async () => {
      const held = latch();
      const release = latch();
      const order: string[] = [];
      const first = db.withAdvisoryLock('jobs', async () => {
        order.push('first in');
        held.open();
        await release.promise;
        order.push('first out');
      });
      await held.promise;
      const impatient = await db
        .withAdvisoryLock('jobs', async () => 'never', { timeoutMs: 150 })
        .catch((e: unknown) => e);
      expect(isDalkitError(impatient, 'LOCK_TIMEOUT')).toBe(true);
      const patient = db.withAdvisoryLock('jobs', async () => {
        order.push('second in');
      });
      await delay(100);
      expect(order).toEqual(['first in']);
      release.open();
      await Promise.all([first, patient]);
      expect(order).toEqual(['first in', 'first out', 'second in']);
    });

    it('should let a caller catch a NOWAIT failure in a savepoint and still commit, without a retry', async () => {
      await Account.bulkCreate([{ id: 1, balance: 0 }]);
      const holder = await db.begin();
      await db.sequelize.query('SELECT id FROM accounts WHERE id = 1 FOR UPDATE', {
        transaction: holder.transaction,
      });
      let attempts = 0;
      try {
        await db.transaction(async () => {
          attempts += 1;
          const locked = await db
            .transaction(() => db.sequelize.query('SELECT id FROM accounts WHERE id = 1 FOR UPDATE NOWAIT'))
            .then(
              () => true,
              (error: unknown) => (isDalkitError(error, 'TRANSIENT') ? false : Promise.reject(error)),
            );
          await db.sequelize.query('INSERT INTO events (tag) VALUES ($1)', {
            bind: [locked ? 'locked' : 'skipped'],
          });
        });
      } finally {
        await holder.rollback();
      }
      expect(attempts).toBe(1);
      expect(await committedTags(db)).toEqual(['skipped']);
    });

    it('should let "update skip locked" readers share out rows that others hold', async () => {
      await Account.bulkCreate([1, 2, 3].map((id) => ({ id, balance: 0 })));
      const holding = latch();
      const done = latch();
      const holder = db.transaction(async () => {
        await Account.findAll({ where: { id: 1 }, ...rowLockOptions('update') });
        holding.open();
        await done.promise;
      });
      await holding.promise;
      const free = await db.transaction(() =>
        Account.findAll({ ...rowLockOptions('update skip locked'), order: [['id', 'ASC']], raw: true }),
      );
      done.open();
      await holder;
      expect(free.map((r) => (r as unknown as { id: number }).id)).toEqual([2, 3]);
    });
  },
  { targets: ['postgres', 'mariadb'] },
);
