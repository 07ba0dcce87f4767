import { withTransaction } from '@dalkit/connection';
// The built package, as users run it: from source, tsx's keep-names wrappers cost several µs per call.
import { repositoryFor } from '@dalkit/repository';
import pg from 'pg';
import { Op } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import type { Contender } from './harness.js';
import { benchModels } from './models.js';

const USER_SQL =
  'SELECT id, email, name, created_at AS "createdAt", updated_at AS "updatedAt" FROM users WHERE id = $1';
const ORDER_COLUMNS =
  'id, user_id AS "userId", status, total, note, created_at AS "createdAt", updated_at AS "updatedAt"';
const PAGE_SQL = `SELECT ${ORDER_COLUMNS} FROM orders WHERE status = $1 ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET $2`;
const KEYSET_SQL = `SELECT ${ORDER_COLUMNS} FROM orders WHERE status = $1 AND (created_at, id) < ($2, $3) ORDER BY created_at DESC, id DESC LIMIT 50`;
const USER_COLUMNS = 'u.id AS "user.id", u.email AS "user.email", u.name AS "user.name"';
const joinSql = (userColumns: string) => `SELECT o.id, o.user_id AS "userId", o.status, o.total, o.note,
  o.created_at AS "createdAt", o.updated_at AS "updatedAt", ${userColumns}
  FROM orders o JOIN users u ON u.id = o.user_id WHERE o.id > $1 ORDER BY o.id LIMIT 1000`;
// Every user column, as the repository's include returns them; the narrow one reads 3 of 5.
const JOIN_SQL = joinSql(
  `${USER_COLUMNS}, u.created_at AS "user.createdAt", u.updated_at AS "user.updatedAt"`,
);
const JOIN_NARROW_SQL = joinSql(USER_COLUMNS);
const INSERT_SQL = `INSERT INTO orders (user_id, status, total, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING ${ORDER_COLUMNS}`;
const UPDATE_SQL = 'UPDATE orders SET total = $1, updated_at = $2 WHERE id = $3';
const UPDATE_RETURNING_SQL = `${UPDATE_SQL} RETURNING ${ORDER_COLUMNS}`;

/** Everything the operations share: pools, Sequelize instances, repositories, random inputs. */
export interface BenchContext {
  pool: pg.Pool;
  plain: ReturnType<typeof benchModels> & { sequelize: Sequelize };
  repo: ReturnType<typeof benchModels> & { sequelize: Sequelize };
  users: number;
  orders: number;
  close(): Promise<void>;
}

/** Opens one pg pool and two Sequelize instances (plain Sequelize, repository), each with pool max 10. */
export function openContext(url: string, users: number, orders: number): BenchContext {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const open = () => {
    const models = benchModels();
    const sequelize = new Sequelize(url, {
      logging: false,
      pool: { max: 10, min: 10 },
      models: Object.values(models),
    });
    return { ...models, sequelize };
  };
  const plain = open();
  const repo = open();
  return {
    pool,
    plain,
    repo,
    users,
    orders,
    close: async () => {
      await pool.end();
      await plain.sequelize.close();
      await repo.sequelize.close();
    },
  };
}

const randomInt = (max: number) => 1 + Math.floor(Math.random() * max);

/**
 * findById: raw pg (unnamed, prepared), Sequelize findByPk, repository (plain, prepared with
 * and without same-tick batching, instances).
 */
export function findById(ctx: BenchContext): Contender[] {
  const users = repositoryFor(ctx.repo.BenchUser);
  const prepared = repositoryFor(ctx.repo.BenchUser, { prepare: true });
  const oneByOne = repositoryFor(ctx.repo.BenchUser, { prepare: true, batch: false });
  const id = () => randomInt(ctx.users);
  return [
    { name: 'pg', run: () => ctx.pool.query(USER_SQL, [id()]) },
    {
      name: 'pg prepared',
      run: () => ctx.pool.query({ name: 'user_by_id', text: USER_SQL, values: [id()] }),
    },
    { name: 'Sequelize findByPk', run: () => ctx.plain.BenchUser.findByPk(id()) },
    { name: 'Sequelize findByPk raw', run: () => ctx.plain.BenchUser.findByPk(id(), { raw: true }) },
    { name: 'repository (plain)', run: () => users.findById(id()) },
    { name: 'repository prepared', run: () => prepared.findById(id()) },
    { name: 'repository prepared, batch: false', run: () => oneByOne.findById(id()) },
    { name: 'repository instances', run: () => users.findById(id(), { instances: true }) },
  ];
}

/** A page of 50 paid orders, newest first, at offset page `page`. */
export function offsetPage(ctx: BenchContext, page: number): Contender[] {
  const orders = repositoryFor(ctx.repo.BenchOrder, { filterable: ['status'], sortable: ['createdAt'] });
  const prepared = repositoryFor(ctx.repo.BenchOrder, {
    filterable: ['status'],
    sortable: ['createdAt'],
    prepare: true,
  });
  const offset = (page - 1) * 50;
  const options = { page, pageSize: 50, sort: '-createdAt', withTotal: false } as const;
  return [
    { name: 'pg', run: () => ctx.pool.query(PAGE_SQL, ['paid', offset]) },
    {
      name: 'pg prepared',
      run: () => ctx.pool.query({ name: 'page', text: PAGE_SQL, values: ['paid', offset] }),
    },
    {
      name: 'Sequelize findAll',
      run: () =>
        ctx.plain.BenchOrder.findAll({
          where: { status: 'paid' },
          order: [
            ['createdAt', 'DESC'],
            ['id', 'DESC'],
          ],
          limit: 50,
          offset,
        }),
    },
    { name: 'repository findPage', run: () => orders.findPage({ status: 'paid' }, options) },
    { name: 'repository prepared', run: () => prepared.findPage({ status: 'paid' }, options) },
  ];
}

/** The repository's keyset cursor (sort `-createdAt`, secret `bench`) of paid order `id`. */
async function cursorOf(ctx: BenchContext, id: number): Promise<string> {
  const finder = repositoryFor(ctx.repo.BenchOrder, {
    filterable: ['status', 'id'],
    sortable: ['createdAt'],
    cursorSecret: 'bench',
  });
  const page = await finder.findKeysetPage({ status: 'paid', id }, { first: 1, sort: '-createdAt' });
  if (!page.pageInfo.endCursor) throw new Error(`No cursor for order ${id}`);
  return page.pageInfo.endCursor;
}

/** A keyset page of 50 paid orders after the last row of offset page `page - 1`. */
export async function keysetPage(ctx: BenchContext, page: number): Promise<Contender[]> {
  const orders = repositoryFor(ctx.repo.BenchOrder, {
    filterable: ['status'],
    sortable: ['createdAt'],
    cursorSecret: 'bench',
  });
  const prepared = repositoryFor(ctx.repo.BenchOrder, {
    filterable: ['status'],
    sortable: ['createdAt'],
    cursorSecret: 'bench',
    prepare: true,
  });
  // The timestamp as text: a Date would drop its microseconds and move the page.
  const { rows } = await ctx.pool.query(
    `SELECT to_json(created_at) #>> '{}' AS at, id FROM orders WHERE status = $1
     ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET $2`,
    ['paid', Math.max(0, (page - 1) * 50 - 1)],
  );
  if (!rows[0]) throw new Error(`There is no keyset page ${page}: generate more orders (BENCH_ORDERS)`);
  const { at, id } = rows[0] as { at: string; id: number };
  const after = await cursorOf(ctx, id);
  const literal = Sequelize.literal(`(${ctx.plain.sequelize.escape(at)}::timestamptz, ${Number(id)})`);
  return [
    { name: 'pg', run: () => ctx.pool.query(KEYSET_SQL, ['paid', at, id]) },
    {
      name: 'pg prepared',
      run: () => ctx.pool.query({ name: 'keyset', text: KEYSET_SQL, values: ['paid', at, id] }),
    },
    {
      name: 'Sequelize findAll (row value)',
      run: () =>
        ctx.plain.BenchOrder.findAll({
          where: {
            status: 'paid',
            [Op.and]: [Sequelize.where(Sequelize.literal('(created_at, id)'), Op.lt, literal)],
          },
          order: [
            ['createdAt', 'DESC'],
            ['id', 'DESC'],
          ],
          limit: 50,
        }),
    },
    {
      name: 'repository findKeysetPage',
      run: () => orders.findKeysetPage({ status: 'paid' }, { first: 50, after, sort: '-createdAt' }),
    },
    {
      name: 'repository prepared',
      run: () => prepared.findKeysetPage({ status: 'paid' }, { first: 50, after, sort: '-createdAt' }),
    },
  ];
}

/** 1,000 orders with their user (a to-one relation). */
export function join(ctx: BenchContext): Contender[] {
  const orders = repositoryFor(ctx.repo.BenchOrder, { filterable: ['id'], sortable: ['id'] });
  const start = () => randomInt(Math.max(1, ctx.orders - 2000));
  const sequelizeJoin = () => ({
    where: { id: { [Op.gt]: start() } },
    include: [ctx.plain.BenchUser],
    order: [['id', 'ASC']] as [string, string][],
    limit: 1000,
  });
  return [
    { name: 'pg (JOIN)', run: () => ctx.pool.query(JOIN_SQL, [start()]) },
    { name: 'pg (JOIN), 3 of 5 user columns', run: () => ctx.pool.query(JOIN_NARROW_SQL, [start()]) },
    {
      name: 'Sequelize include',
      run: () => ctx.plain.BenchOrder.findAll(sequelizeJoin()),
    },
    {
      name: 'Sequelize include raw+nest',
      run: () => ctx.plain.BenchOrder.findAll({ ...sequelizeJoin(), raw: true, nest: true }),
    },
    {
      name: 'repository (plain)',
      run: () => orders.findAll({ id: { gt: start() } }, { sort: 'id', limit: 1000, include: ['user'] }),
    },
    {
      name: 'repository instances',
      run: () =>
        orders.findAll(
          { id: { gt: start() } },
          { sort: 'id', limit: 1000, include: ['user'], instances: true },
        ),
    },
  ];
}

/** Insert one order. */
export function insertOne(ctx: BenchContext): Contender[] {
  const orders = repositoryFor(ctx.repo.BenchOrder);
  const row = () => ({ userId: randomInt(ctx.users), status: 'new', total: 42 });
  return [
    { name: 'pg', run: () => ctx.pool.query(INSERT_SQL, [randomInt(ctx.users), 'new', 42, new Date()]) },
    { name: 'Sequelize create', run: () => ctx.plain.BenchOrder.create(row()) },
    { name: 'repository create', run: () => orders.create(row()) },
  ];
}

/** Update one order by id, bare or inside a transaction. */
export function updateById(ctx: BenchContext, inTransaction: boolean): Contender[] {
  const orders = repositoryFor(ctx.repo.BenchOrder, { filterable: ['id'] });
  const id = () => randomInt(ctx.orders);
  const total = () => randomInt(1000);
  if (!inTransaction) {
    return [
      { name: 'pg', run: () => ctx.pool.query(UPDATE_SQL, [total(), new Date(), id()]) },
      {
        // update() returns the updated row: this is the same work in raw pg.
        name: 'pg UPDATE … RETURNING',
        run: () => ctx.pool.query(UPDATE_RETURNING_SQL, [total(), new Date(), id()]),
      },
      {
        name: 'Sequelize update',
        run: () => ctx.plain.BenchOrder.update({ total: total() }, { where: { id: id() } }),
      },
      { name: 'repository update (returns the row)', run: () => orders.update(id(), { total: total() }) },
      {
        name: 'repository updateWhere by id (count)',
        run: () => orders.updateWhere({ id: id() }, { total: total() }),
      },
    ];
  }
  const rawTransaction = (sql: string) => async () => {
    const client = await ctx.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(sql, [total(), new Date(), id()]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  return [
    // The statements the repository sends: update() returns the updated row.
    { name: 'pg BEGIN/UPDATE … RETURNING/COMMIT', run: rawTransaction(UPDATE_RETURNING_SQL) },
    { name: 'pg BEGIN/UPDATE/COMMIT', run: rawTransaction(UPDATE_SQL) },
    {
      name: 'Sequelize transaction',
      run: () =>
        ctx.plain.sequelize.transaction((transaction) =>
          ctx.plain.BenchOrder.update({ total: total() }, { where: { id: id() }, transaction }),
        ),
    },
    {
      name: 'repository in withTransaction',
      run: () => withTransaction(ctx.repo.sequelize, () => orders.update(id(), { total: total() })),
    },
  ];
}
