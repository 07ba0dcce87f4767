/**
 * `pnpm bench`: starts the built service on the PostgreSQL server with seeded data and drives it
 * over real HTTP with autocannon: a read mix (get by id, filtered list page) and a write mix
 * (create product, place order), printing requests/s and p50/p95/p99.
 *
 * Options: `--scale <n>` (sample-data size; 500 = 100k products), `--duration <s>`,
 * `--read-rps <n>`, `--write-rps <n>`, `--warmup <s>` (unrecorded load before each mix). `BENCH_DATABASE_URL` names the server database
 * (default `postgres://postgres@127.0.0.1:5432/dalkit_bench`, created when missing).
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type LoadResult, type MixRequest, runLoad } from './load.js';
import { startServerProcess } from './server-process.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '500' },
    duration: { type: 'string', default: '20' },
    'read-rps': { type: 'string', default: '500' },
    'write-rps': { type: 'string', default: '100' },
    warmup: { type: 'string', default: '5' },
    fresh: { type: 'boolean', default: false },
  },
});
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dalkit_bench';
const durationS = Number(values.duration);
const warmupS = Number(values.warmup);

async function ensureDatabase(): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsupported bench database name ${name}`);
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  try {
    if (values.fresh) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

async function sample(): Promise<{ products: string[]; users: string[]; prices: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Orders need stock: give a slice of products plenty, so the write mix never runs out.
    await client.query(
      'UPDATE products SET stock = 1000000 WHERE id IN (SELECT id FROM products ORDER BY id LIMIT 2000)',
    );
    const products = await client.query<{ id: string }>('SELECT id FROM products ORDER BY id LIMIT 2000');
    const users = await client.query<{ id: string }>(
      "SELECT id FROM users WHERE role = 'customer' LIMIT 2000",
    );
    const prices = await client.query<{ p: string }>(
      'SELECT price::text AS p FROM products TABLESAMPLE SYSTEM (1) LIMIT 200',
    );
    return {
      products: products.rows.map((r) => r.id),
      users: users.rows.map((r) => r.id),
      prices: prices.rows.map((r) => r.p),
    };
  } finally {
    await client.end();
  }
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

/** A filtered, sorted offset page with its total: products in a 20-unit price window. */
const priceWindow = (low: string) =>
  `/products?filter[price][gte]=${low}&filter[price][lt]=${(Number(low) + 20).toFixed(2)}&sort=price&page[size]=20`;

function print(results: LoadResult[]): void {
  console.log(
    '\n| mix | target rps | achieved rps | p50 ms | p95 ms | p99 ms | requests | errors | non-2xx |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.targetRps} | ${r.requestsPerSecond} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.total} | ${r.errors} | ${r.non2xx} |`,
    );
  }
  console.log(
    `\nload average before/after: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
}

async function main(): Promise<void> {
  console.log(
    `load average at start: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  await ensureDatabase();
  const started = performance.now();
  const server = await startServerProcess({
    DATABASE_URL: url,
    NODE_ENV: 'development',
    SEED_ON_START: 'true',
    SEED_SCALE: values.scale,
    LOG_LEVEL: 'warn',
    PORT: '0',
    DB_POOL_MAX: '10',
    DATA_DIR: '.data/bench',
    ADMIN_PASSWORD: randomBytes(12).toString('hex'),
  });
  console.log(
    `service up on ${server.url} (seeding included) in ${Math.round(performance.now() - started)} ms`,
  );
  try {
    const data = await sample();
    const readMix = (): MixRequest =>
      Math.random() < 0.5
        ? { method: 'GET', path: `/products/${pick(data.products)}` }
        : { method: 'GET', path: priceWindow(pick(data.prices)) };
    let sku = 0;
    const runId = randomBytes(3).toString('hex').toUpperCase();
    const writeMix = (): MixRequest =>
      Math.random() < 0.5
        ? {
            method: 'POST',
            path: '/products',
            body: { sku: `B-${runId}-${sku++}`, name: 'Bench product', price: 9.99, stock: 10 },
          }
        : {
            method: 'POST',
            path: '/orders',
            body: { userId: pick(data.users), items: [{ productId: pick(data.products), quantity: 1 }] },
          };
    const results: LoadResult[] = [];
    for (const [name, mix, rps] of [
      ['read: get by id + filtered list page', readMix, Number(values['read-rps'])],
      ['write: create product + place order', writeMix, Number(values['write-rps'])],
    ] as const) {
      // The same load for a few seconds first, not recorded: new connections, JIT, plan caches.
      await runLoad(name, server.url, mix, { rps, durationS: warmupS, lanes: 100 });
      results.push(await runLoad(name, server.url, mix, { rps, durationS, lanes: 100 }));
    }
    print(results);
  } finally {
    const code = await server.stop();
    console.log(`service stopped with exit code ${code}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
