import { describeEachTarget } from '@dalkit/testing/vitest';
import { QueryTypes } from 'sequelize';
import { expect, it } from 'vitest';
import { type Database, TransientError } from '../../src/index.js';
import { onServer } from '../support/server-admin.js';
import { committedTags, insertEvent, useTransactionTables } from './transactions-fixtures.js';

/** The server's id of the session a query in the current transaction runs on. */
async function sessionId(db: Database, dialect: string): Promise<number> {
  const sql = dialect === 'postgres' ? 'SELECT pg_backend_pid() AS id' : 'SELECT CONNECTION_ID() AS id';
  const [row] = await db.sequelize.query<{ id: number }>(sql, { type: QueryTypes.SELECT });
  return Number(row?.id);
}

/** Ends a session from an admin connection and waits until the server no longer lists it. */
async function killSession(target: 'postgres' | 'mariadb', id: number): Promise<void> {
  if (target === 'postgres') {
    await onServer('postgres', 'SELECT pg_terminate_backend($1)', [id]);
    await expect
      .poll(
        async () =>
          (await onServer('postgres', 'SELECT 1 FROM pg_stat_activity WHERE pid = $1', [id])).length,
      )
      .toBe(0);
  } else {
    await onServer('mariadb', `KILL CONNECTION ${Number(id)}`);
    await expect
      .poll(
        async () =>
          (await onServer('mariadb', 'SELECT 1 FROM information_schema.processlist WHERE id = ?', [id]))
            .length,
      )
      .toBe(0);
  }
}

describeEachTarget(
  'a COMMIT that fails',
  (suite) => {
    let db: Database;
    useTransactionTables(suite, (t) => ({ db } = t), { max: 3 });

    it('should run no afterCommit hook and say the outcome is unknown when the connection died before COMMIT', async () => {
      const target = suite.target as 'postgres' | 'mariadb';
      const hooks: string[] = [];
      const outcome = await db
        .transaction(async (tx) => {
          tx.afterCommit(() => {
            hooks.push('ran');
          });
          await insertEvent(db, 'lost');
          await killSession(target, await sessionId(db, suite.database.dialect));
          return 'fn finished';
        })
        .catch((error: unknown) => error);
      expect(hooks).toEqual([]);
      expect(outcome).toBeInstanceOf(TransientError);
      expect((outcome as TransientError).reason).toBe('connection');
      expect((outcome as Error).message).toMatch(/lost during COMMIT: whether it committed is unknown/);
      // The server rolled the transaction back when it ended the session.
      expect(await committedTags(db)).toEqual([]);
      // The dead connection left the pool: the next transactions commit and run their hooks.
      for (const tag of ['next', 'after']) {
        await db.transaction(async (tx) => {
          tx.afterCommit(() => {
            hooks.push(tag);
          });
          await insertEvent(db, tag);
        });
      }
      expect(hooks).toEqual(['next', 'after']);
      expect(await committedTags(db)).toEqual(['after', 'next']);
    });
  },
  { targets: ['postgres', 'mariadb'] },
);
