import type pg from 'pg';

/** Sizes of the generated data set. */
export interface DatasetSize {
  users: number;
  orders: number;
}

const SCHEMA_VERSION = 2;

/**
 * Creates (or reuses, when the sizes match) users and orders generated with generate_series,
 * with the index a "paid orders, newest first" listing needs.
 */
export async function ensureDataset(pool: pg.Pool, size: DatasetSize): Promise<void> {
  const meta = await pool
    .query('SELECT users, orders, version FROM bench_meta')
    .then((r) => r.rows[0] as { users: number; orders: number; version: number } | undefined)
    .catch(() => undefined);
  if (meta && meta.users === size.users && meta.orders === size.orders && meta.version === SCHEMA_VERSION) {
    await pool.query('DELETE FROM orders WHERE id > $1', [size.orders]);
    return;
  }
  console.log(`generating ${size.users} users and ${size.orders} orders…`);
  await pool.query('DROP TABLE IF EXISTS bench_meta, bulk_orders, orders, users');
  await pool.query(`CREATE TABLE users (
    id serial PRIMARY KEY, email varchar(200) NOT NULL UNIQUE, name varchar(100) NOT NULL,
    created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)`);
  await pool.query(
    `INSERT INTO users (email, name, created_at, updated_at)
     SELECT 'user' || g || '@example.com', 'User ' || g, now() - g * interval '1 minute', now() FROM generate_series(1, $1::int) g`,
    [size.users],
  );
  await pool.query(`CREATE TABLE orders (
    id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users(id), status varchar(20) NOT NULL,
    total int NOT NULL, note varchar(100), created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)`);
  await pool.query(
    `INSERT INTO orders (user_id, status, total, created_at, updated_at)
     SELECT 1 + (g % $1::int), (ARRAY['paid','new','paid','shipped'])[1 + g % 4], g % 1000,
            now() - g * interval '1 second', now() FROM generate_series(1, $2::int) g`,
    [size.users, size.orders],
  );
  await pool.query('CREATE INDEX orders_status_created_id ON orders (status, created_at DESC, id DESC)');
  await pool.query('CREATE INDEX orders_user_id ON orders (user_id)');
  await pool.query(`CREATE TABLE bulk_orders (
    id serial PRIMARY KEY, user_id int NOT NULL, status varchar(20) NOT NULL, total int NOT NULL,
    note varchar(100), created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)`);
  await pool.query('VACUUM ANALYZE users');
  await pool.query('VACUUM ANALYZE orders');
  await pool.query('CREATE TABLE bench_meta (users int, orders int, version int)');
  await pool.query('INSERT INTO bench_meta VALUES ($1, $2, $3)', [size.users, size.orders, SCHEMA_VERSION]);
}
