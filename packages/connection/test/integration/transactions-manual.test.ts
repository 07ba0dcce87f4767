import { describeEachTarget } from '@dalkit/testing/vitest';
import { expect, it } from 'vitest';
import { type Database, TransactionStateError } from '../../src/index.js';
import {
  committedTags,
  type defineEvent,
  insertEvent,
  useTransactionTables,
} from './transactions-fixtures.js';

describeEachTarget('db.begin()', (suite) => {
  let db: Database;
  let Event: ReturnType<typeof defineEvent>;

  useTransactionTables(suite, (t) => ({ db, Event } = t), { max: 3 });

  it('should commit by hand, then refuse a second commit, a rollback and a savepoint', async () => {
    const tx = await db.begin();
    await Event.create({ tag: 'manual' }, { transaction: tx.transaction });
    await tx.commit();
    await expect(tx.commit()).rejects.toThrow(/already been committed/);
    await expect(tx.rollback()).rejects.toBeInstanceOf(TransactionStateError);
    await expect(tx.savepoint(async () => {})).rejects.toBeInstanceOf(TransactionStateError);
    await expect(tx.run(async () => {})).rejects.toBeInstanceOf(TransactionStateError);
    expect(await committedTags(db)).toEqual(['manual']);
  });

  it('should roll back by hand and refuse a commit afterwards', async () => {
    const tx = await db.begin();
    await tx.run(() => insertEvent(db, 'rolled-back'));
    await tx.rollback();
    await expect(tx.commit()).rejects.toThrow(/already been rolled back/);
    expect(await committedTags(db)).toEqual([]);
  });

  it('should run savepoints that roll back alone, and join implicitly inside run()', async () => {
    const tx = await db.begin();
    await tx.run(async (inner) => {
      expect(db.currentTransaction()).toBe(tx.transaction);
      expect(inner).toBe(tx.transaction);
      await insertEvent(db, 'kept');
    });
    await tx.savepoint(() => insertEvent(db, 'saved')).catch(() => {});
    await expect(
      tx.savepoint(async () => {
        await insertEvent(db, 'undone');
        throw new Error('savepoint fails');
      }),
    ).rejects.toThrow('savepoint fails');
    expect(db.currentTransaction()).toBeUndefined();
    await tx.commit();
    expect(await committedTags(db)).toEqual(['kept', 'saved']);
  });

  it('should refuse a second connection on a pool of one instead of waiting forever', async () => {
    if (suite.database.maxConnections !== 1) {
      const tx = await db.transaction(async () => db.begin());
      await tx.rollback();
      return;
    }
    await db.transaction(async () => {
      await expect(db.begin()).rejects.toBeInstanceOf(TransactionStateError);
      await expect(db.transaction(async () => {}, { propagation: 'requiresNew' })).rejects.toThrow(
        /pool max is 1/,
      );
    });
  });
});
