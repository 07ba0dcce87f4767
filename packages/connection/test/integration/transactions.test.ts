import { setTimeout as delay } from 'node:timers/promises';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { QueryTypes, type Transaction } from 'sequelize';
import { expect, it } from 'vitest';
import {
  ConstraintViolationError,
  type Database,
  IsolationLevel,
  isDalkitError,
  TransactionStateError,
  withTransaction,
} from '../../src/index.js';
import {
  committedTags,
  type defineEvent,
  insertEvent,
  latch,
  recordingLogger,
  useTransactionTables,
} from './transactions-fixtures.js';

describeEachTarget('db.transaction', (suite) => {
  let db: Database;
  let Event: ReturnType<typeof defineEvent>;
  const logger = recordingLogger();

  useTransactionTables(suite, (t) => ({ db, Event } = t), { max: 5, logger });

  it('should commit what fn did and return its result', async () => {
    const result = await db.transaction(async () => {
      await insertEvent(db, 'a');
      await Event.create({ tag: 'b' });
      return 42;
    });
    expect(result).toBe(42);
    expect(await committedTags(db)).toEqual(['a', 'b']);
  });

  it('should roll back on a throw and rethrow the very error fn threw, logged once with the transaction id', async () => {
    const boom = new Error('boom');
    let id: string | undefined;
    await expect(
      db.transaction(async (tx) => {
        id = (tx as unknown as { id: string }).id;
        await insertEvent(db, 'a');
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await committedTags(db)).toEqual([]);
    const logged = logger.lines.filter((l) => l.obj.transactionId === id);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.msg).toBe('Transaction rolled back after an error');
  });

  it('should not pass a transaction PostgreSQL aborted for committed, nor run afterCommit hooks for it', async () => {
    const afterCommit: string[] = [];
    const outcome = await db
      .transaction(async (tx) => {
        tx.afterCommit(() => {
          afterCommit.push('ran');
        });
        await insertEvent(db, 'a');
        // A failing statement whose error is caught: PostgreSQL aborts the whole transaction.
        await db.sequelize
          .query('INSERT INTO events (id, tag) VALUES (1, $1), (1, $1)', { bind: ['x'] })
          .catch(() => {});
        return 'done';
      })
      .catch((e: unknown) => e);
    if (suite.database.dialect === 'postgres') {
      expect(outcome).toBeInstanceOf(TransactionStateError);
      expect((outcome as TransactionStateError).message).toMatch(/rolled back, not committed/);
      expect(await committedTags(db)).toEqual([]);
      expect(afterCommit).toEqual([]);
    } else {
      // MariaDB keeps the transaction alive after a failed statement: the rest commits.
      expect(outcome).toBe('done');
      expect(await committedTags(db)).toEqual(['a']);
      expect(afterCommit).toEqual(['ran']);
    }
    expect(await db.transaction(async () => insertEvent(db, 'b')).then(() => committedTags(db))).toContain(
      'b',
    );
  });

  it('should rethrow a database error mapped to the dalkit hierarchy, with the driver error as cause', async () => {
    const error = await db
      .transaction(async () => {
        await insertEvent(db, 'a');
        await db.sequelize.query('INSERT INTO events (id, tag) VALUES ($1, $2), ($1, $3)', {
          bind: [7, 'x', 'y'],
        });
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConstraintViolationError);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(await committedTags(db)).toEqual([]);
    const logged = JSON.stringify(logger.lines.map((l) => l.obj));
    expect(logged).toContain('UNIQUE_VIOLATION');
    expect(logged).not.toMatch(/Duplicate entry|Key \(id\)=/);
  });

  it('should propagate the transaction implicitly across awaits, timers and parallel branches', async () => {
    await db
      .transaction(async (tx) => {
        await delay(5);
        await Promise.all([
          insertEvent(db, 'p1'),
          (async () => {
            await delay(3);
            expect(db.currentTransaction()).toBe(tx);
            await Event.create({ tag: 'p2' });
          })(),
          new Promise<void>((resolve, reject) => {
            setTimeout(() => insertEvent(db, 'p3').then(() => resolve(), reject), 2);
          }),
        ]);
        const seen = await db.sequelize.query<{ n: number }>('SELECT count(*) AS n FROM events', {
          type: QueryTypes.SELECT,
        });
        expect(Number(seen[0]?.n)).toBe(3);
        throw new Error('undo all three');
      })
      .catch(() => {});
    expect(await committedTags(db)).toEqual([]);
  });

  it('should expose the current transaction inside fn only', async () => {
    expect(db.currentTransaction()).toBeUndefined();
    let inside: Transaction | undefined;
    await db.transaction(async (tx) => {
      inside = db.currentTransaction();
      expect(inside).toBe(tx);
    });
    expect(inside).toBeDefined();
    expect(db.currentTransaction()).toBeUndefined();
  });

  it('should let a caught savepoint failure undo only its own work, and the outer one commit', async () => {
    await db.transaction(async () => {
      await insertEvent(db, 'outer');
      await db
        .transaction(async () => {
          await insertEvent(db, 'inner');
          throw new Error('inner fails');
        })
        .catch(() => {});
      await insertEvent(db, 'after');
    });
    expect(await committedTags(db)).toEqual(['after', 'outer']);
  });

  it('should roll back everything when a savepoint failure is not caught', async () => {
    await expect(
      db.transaction(async () => {
        await insertEvent(db, 'outer');
        await db.transaction(async () => {
          await insertEvent(db, 'inner');
          throw new Error('uncaught');
        });
      }),
    ).rejects.toThrow('uncaught');
    expect(await committedTags(db)).toEqual([]);
  });

  it('should roll back only the failing level at depth 3, with unique savepoint names per depth', async () => {
    const savepoints: string[] = [];
    const spy = (sql: string) => {
      if (/^SAVEPOINT /.test(sql)) savepoints.push(sql);
    };
    db.sequelize.addHook('afterQuery', 'savepointSpy', (_options, query) =>
      spy((query as unknown as { sql?: string }).sql ?? ''),
    );
    try {
      await db.transaction(async () => {
        await insertEvent(db, 'd1');
        await db.transaction(async () => {
          await insertEvent(db, 'd2');
          await db
            .transaction(async () => {
              await insertEvent(db, 'd3');
              await db.transaction(async () => insertEvent(db, 'd4'));
              throw new Error('depth 3 fails');
            })
            .catch(() => {});
          await db.transaction(async () => insertEvent(db, 'd3-again'));
          expect(db.currentTransaction()).toBeDefined();
        });
      });
    } finally {
      db.sequelize.removeHook('afterQuery', 'savepointSpy');
    }
    expect(await committedTags(db)).toEqual(['d1', 'd2', 'd3-again']);
    expect(savepoints).toHaveLength(4);
    expect(new Set(savepoints).size).toBe(4);
  });

  it('should run concurrent sibling savepoints one after another, so a failing one undoes only itself', async () => {
    await db.transaction(async () => {
      const outcomes = await Promise.allSettled(
        ['s1', 's2', 's3'].map((tag) =>
          db.transaction(async () => {
            await insertEvent(db, tag);
            await delay(5);
            if (tag === 's2') throw new Error('s2 fails');
          }),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    });
    expect(await committedTags(db)).toEqual(['s1', 's3']);
  });

  it('should join the current transaction with propagation "required"', async () => {
    await db
      .transaction(async (outer) => {
        await db.transaction(
          async (inner) => {
            expect(inner).toBe(outer);
            await insertEvent(db, 'joined');
          },
          { propagation: 'required' },
        );
        throw new Error('outer fails');
      })
      .catch(() => {});
    expect(await committedTags(db)).toEqual([]);
  });

  it('should refuse options a savepoint or joined transaction cannot honour, writing nothing', async () => {
    const refused = await db
      .transaction(async () => {
        await insertEvent(db, 'outer');
        await db.transaction(async () => insertEvent(db, 'never'), {
          isolationLevel: IsolationLevel.SERIALIZABLE,
        });
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TransactionStateError);
    expect((refused as Error).message).toContain('isolationLevel');
    for (const options of [{ timeoutMs: 100 }, { readOnly: true }, { retry: { maxAttempts: 2 } }]) {
      await expect(
        db.transaction(async () => {
          await db.transaction(async () => insertEvent(db, 'never'), { ...options, propagation: 'required' });
        }),
      ).rejects.toBeInstanceOf(TransactionStateError);
    }
    expect(await committedTags(db)).toEqual([]);
  });

  it('should refuse unknown option values with an error naming the option', async () => {
    await expect(db.transaction(async () => {}, { isolationLevel: 'SNAPSHOT' as never })).rejects.toThrow(
      /isolationLevel/,
    );
    await expect(db.transaction(async () => {}, { timeoutMs: -5 })).rejects.toThrow(/timeoutMs/);
    await expect(db.transaction(async () => {}, { propagation: 'mandatory' as never })).rejects.toThrow(
      /propagation/,
    );
  });

  it('should no longer expose a finished transaction, and refuse queries from its stale context', async () => {
    let late: Promise<unknown> | undefined;
    const gate = latch();
    await db
      .transaction(async () => {
        late = gate.promise.then(() => {
          expect(db.currentTransaction()).toBeUndefined();
          return insertEvent(db, 'late');
        });
        throw new Error('roll back');
      })
      .catch(() => {});
    gate.open();
    const error = await late?.catch((e: unknown) => e);
    expect(isDalkitError(error, 'TRANSACTION_STATE')).toBe(true);
    expect(await committedTags(db)).toEqual([]);
  });

  it('should opt out of the current transaction with an explicit transaction: null', async () => {
    if (suite.database.maxConnections === 1) {
      // One connection: a query outside the open transaction would wait for it forever.
      await db.transaction(async () => {
        expect(db.currentTransaction()).toBeDefined();
      });
      return;
    }
    await db
      .transaction(async () => {
        await db.sequelize.query('INSERT INTO events (tag) VALUES ($1)', {
          bind: ['outside'],
          transaction: null,
        });
        throw new Error('roll back the rest');
      })
      .catch(() => {});
    expect(await committedTags(db)).toEqual(['outside']);
  });

  it('should share its context and its logger with withTransaction(sequelize, fn)', async () => {
    await db.transaction(async (outer) => {
      await withTransaction(db.sequelize, async (inner) => {
        expect(inner).toBe(outer);
        await db.query('INSERT INTO events (tag) VALUES ($1)', { bind: ['shared'] });
      });
    });
    expect(await committedTags(db)).toEqual(['shared']);
    await withTransaction(db.sequelize, async () => {
      throw new Error('logged by the handle');
    }).catch(() => {});
    expect(logger.lines.filter((l) => l.msg === 'Transaction rolled back after an error')).toHaveLength(1);
  });

  it('should make Sequelize-internal transactions (findOrCreate) savepoints of the current one', async () => {
    await db
      .transaction(async () => {
        const [, created] = await Event.findOrCreate({ where: { tag: 'found-or-created' } });
        expect(created).toBe(true);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await committedTags(db)).toEqual([]);
  });
});
