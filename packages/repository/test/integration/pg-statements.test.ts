import { describeEachTarget } from '@dalkit/testing/vitest';
import { Column, DataType, Table, Model as TypedModel } from 'sequelize-typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  runStatement,
  type StatementClient,
  type StatementOptions,
  type TypeSource,
} from '../../src/_internal/pg-statement.js';
import type { TextParser } from '../../src/_internal/pg-timestamp.js';
import { repositoryFor } from '../../src/index.js';
import { orderRepository, seed } from '../support/fixtures.js';
import { useTestSequelize } from '../support/setup.js';

/** A pooled pg client as Sequelize hands it out, with the protocol events it emits. */
type Client = StatementClient &
  TypeSource & {
    connection: {
      on(event: string, listener: () => void): void;
      off(event: string, listener: () => void): void;
    };
  };

interface Manager {
  getConnection(options: { type: string }): Promise<Client>;
  releaseConnection(client: Client): Promise<void>;
}

let names = 0;

@Table({ tableName: 'documents', underscored: true, timestamps: false })
class Document extends TypedModel {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true }) declare id: number;
  @Column({ type: DataType.JSONB, allowNull: false }) declare data: Record<string, unknown>;
  @Column({ type: DataType.BLOB, allowNull: true }) declare payload: Buffer | null;
}

/** Rows as arrays of parsed values. */
const asArray = (fields: readonly (string | null)[], parsers: readonly TextParser[]): unknown[] =>
  fields.map((text, i) => (text === null ? null : (parsers[i] as TextParser)(text)));

describeEachTarget(
  'Prepared statements on pg connections',
  (suite) => {
    const sequelize = useTestSequelize(suite);

    describe('runStatement', () => {
      let client: Client;
      const manager = () => (sequelize() as unknown as { connectionManager: Manager }).connectionManager;
      beforeEach(async () => {
        client = await manager().getConnection({ type: 'write' });
      });
      afterEach(async () => {
        await manager().releaseConnection(client);
      });

      const fresh = () => `dalkit_test_${process.pid}_${++names}`;
      const run = (text: string, values: unknown[], options: Partial<StatementOptions<unknown[]>> = {}) => {
        const running = runStatement(client, text, values, {
          name: '',
          types: client,
          build: asArray,
          retryStale: true,
          utcDates: false,
          ...options,
        });
        if (!running) throw new Error('runStatement declined the call');
        return running;
      };
      /** How many RowDescription messages the server sent during `action`. */
      const descriptions = async (action: () => Promise<unknown>) => {
        let count = 0;
        const count1 = () => {
          count++;
        };
        client.connection.on('rowDescription', count1);
        try {
          await action();
        } finally {
          client.connection.off('rowDescription', count1);
        }
        return count;
      };

      it('should prepare and describe a named statement once per connection, then only bind and execute', async () => {
        const name = fresh();
        const sql = 'SELECT $1::int AS n, $2::text AS s';
        expect(await descriptions(() => run(sql, [5, 'x'], { name }))).toBe(1);
        for (const n of [6, 7]) {
          let rows: unknown[][] = [];
          expect(
            await descriptions(async () => {
              rows = (await run(sql, [n, `x${n}`], { name })).rows;
            }),
          ).toBe(0);
          expect(rows).toEqual([[n, `x${n}`]]);
        }
        const listed = await run('SELECT count(*)::int FROM pg_prepared_statements WHERE name = $1', [name]);
        expect(listed.rows).toEqual([[1]]);
      });

      it('should describe the unnamed statement on every run', async () => {
        const sql = 'SELECT $1::int AS n';
        expect(await descriptions(() => run(sql, [1]))).toBe(1);
        expect(await descriptions(() => run(sql, [2]))).toBe(1);
      });

      it('should parse values with the connection parsers and keep NULLs', async () => {
        const { rows, rowCount } = await run(
          "SELECT NULL::int, 12::int, 1.5::float8, true, '2026-12-04 06:00:00.123456+00'::timestamptz, $1::text",
          ["it's"],
          { name: fresh() },
        );
        expect(rowCount).toBe(1);
        expect(rows).toEqual([[null, 12, 1.5, true, new Date('2026-12-04T06:00:00.123Z'), "it's"]]);
      });

      it('should bind array parameters as pg does', async () => {
        const { rows } = await run('SELECT x FROM unnest($1::text[]) AS x ORDER BY 1', [
          ['a"b', 'c\\d', 'e,f', null],
        ]);
        expect(rows).toEqual([['a"b'], ['c\\d'], ['e,f'], [null]]);
      });

      it('should prepare again after a first run that failed once the statement existed', async () => {
        const name = fresh();
        // Parse succeeds, Bind fails: the statement exists on the server but is not known here.
        await expect(run('SELECT $1::int AS n', ['x'], { name })).rejects.toMatchObject({ code: '22P02' });
        expect((await run('SELECT $1::int AS n', ['7'], { name })).rows).toEqual([[7]]);
      });

      it('should run again, once, when the statement was deallocated on the connection', async () => {
        const name = fresh();
        await run('SELECT $1::int AS n', [1], { name });
        await run('DEALLOCATE ALL', []);
        expect((await run('SELECT $1::int AS n', [2], { name })).rows).toEqual([[2]]);
      });

      it('should report a deallocated statement without retrying when told not to, then heal', async () => {
        const name = fresh();
        await run('SELECT $1::int AS n', [1], { name });
        await run('DEALLOCATE ALL', []);
        await expect(run('SELECT $1::int AS n', [2], { name, retryStale: false })).rejects.toMatchObject({
          code: '26000',
        });
        expect((await run('SELECT $1::int AS n', [3], { name, retryStale: false })).rows).toEqual([[3]]);
      });

      it('should read a column with its new type after it changed type', async () => {
        const name = fresh();
        await run('CREATE TEMP TABLE typed (v int)', []);
        await run('INSERT INTO typed VALUES (1)', []);
        expect((await run('SELECT v FROM typed', [], { name })).rows).toEqual([[1]]);
        await run('ALTER TABLE typed ALTER COLUMN v TYPE text', []);
        expect((await run('SELECT v FROM typed', [], { name })).rows).toEqual([['1']]);
        await run('DROP TABLE typed', []);
      });

      it('should reject when a parser throws and leave the connection usable', async () => {
        const failing: TypeSource = {
          getTypeParser: () => () => {
            throw new Error('parser failed');
          },
        };
        await expect(run('SELECT 1::int AS n', [], { types: failing, name: fresh() })).rejects.toThrow(
          'parser failed',
        );
        expect((await run('SELECT 2::int AS n', [])).rows).toEqual([[2]]);
      });

      it('should count rows of statements without result columns', async () => {
        const name = fresh();
        await run('CREATE TEMP TABLE counted (v int)', []);
        await run('INSERT INTO counted SELECT generate_series(1, 3)', []);
        expect((await run('UPDATE counted SET v = v + $1', [1], { name })).rowCount).toBe(3);
        const again = await run('UPDATE counted SET v = v + $1', [1], { name });
        expect({ rows: again.rows, rowCount: again.rowCount }).toEqual({ rows: [], rowCount: 3 });
        await run('DROP TABLE counted', []);
      });

      it('should refuse a name already prepared for a different statement, sending nothing', async () => {
        const name = fresh();
        await run('SELECT $1::int AS n', [1], { name });
        await expect(run('SELECT $1::int + 1 AS n', [1], { name })).rejects.toThrow(
          `Prepared statement ${name} was prepared for a different statement`,
        );
        expect((await run('SELECT $1::int AS n', [4], { name })).rows).toEqual([[4]]);
      });

      it('should decline values it does not serialize itself, sending nothing', () => {
        const declined = runStatement(client, 'SELECT $1::bytea', [Buffer.from('x')], {
          name: '',
          types: client,
          build: asArray,
          retryStale: true,
          utcDates: false,
        });
        expect(declined).toBeUndefined();
      });

      it('should bind Dates as pg does, local time with its offset', async () => {
        const at = new Date('2026-03-29T01:30:00.123Z');
        const { rows } = await run('SELECT $1::timestamptz = $2::timestamptz, $1::text', [
          at,
          at.toISOString(),
        ]);
        expect(rows[0]?.[0]).toBe(true);
        const viaPg = await (
          client as unknown as { query(sql: string, values: unknown[]): Promise<{ rows: unknown[] }> }
        ).query('SELECT $1::timestamp AS local, $1::date AS day', [at]);
        const ours = await run('SELECT $1::timestamp AS local, $1::date AS day', [at]);
        expect(ours.rows[0]).toEqual(Object.values(viaPg.rows[0] as object));
      });
    });

    it('should write and read values it leaves to pg (JSON objects, Buffers) through pg, prepared or not', async () => {
      sequelize().addModels([Document]);
      await Document.sync({ force: true });
      for (const prepare of [false, true, true]) {
        const documents = repositoryFor(Document, { prepare });
        const created = await documents.create({
          data: { tags: ['a', 'b'], n: 1 },
          payload: Buffer.from('xyz'),
        });
        expect(created).toMatchObject({ data: { tags: ['a', 'b'], n: 1 }, payload: Buffer.from('xyz') });
        expect(await documents.findById((created as { id: number }).id)).toEqual(created);
      }
    });

    it('should keep serving a prepared repository after a migration changes a column it reads', async () => {
      await seed();
      const repo = orderRepository({ prepare: true, batch: false, aggregatable: ['total'] });
      const [first] = await repo.findAll({ note: 'gift' });
      const id = (first as { id: number }).id;
      const since = { note: 'gift', placedAt: { gte: new Date(Date.UTC(2025, 0, 1)) } };
      // Rows built by the decoder (findById, findAll) and by column name (aggregate).
      const readAll = async () => {
        for (let i = 0; i < 5; i++) {
          expect(await repo.findById(id)).toMatchObject({ id, note: 'gift' });
          expect(await repo.findAll(since)).toHaveLength(1);
          expect(await repo.aggregate({ metrics: { sum: { fn: 'sum', field: 'total' } } })).toEqual([
            { sum: 1649 },
          ]);
        }
      };
      await readAll();
      // sum(integer) is bigint, sum(bigint) numeric: the aggregate's result type changes too.
      await sequelize().query(
        'ALTER TABLE orders ALTER COLUMN note TYPE varchar(200), ALTER COLUMN total TYPE bigint',
      );
      await readAll();
    });
  },
  { targets: ['embedded', 'postgres'] },
);
