/**
 * `pnpm bench`: raw pg (plain and prepared), plain Sequelize and the repository on the same
 * generated data, interleaved in the same run, 1 and 16 callers on pools of 10.
 * Environment: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/dalkit_repository_bench, created
 * if missing), BENCH_USERS (100000), BENCH_ORDERS (1000000), BENCH_WARMUP_MS (1000), BENCH_SLICE_MS
 * (400), BENCH_CYCLES (4), BENCH_BULK_ROWS (100000), BENCH_ONLY (comma list of operation names).
 */
import os from 'node:os';
import pg from 'pg';
import { bulkInsert } from './bulk.js';
import { ensureDataset } from './dataset.js';
import { type Contender, compare, printTable } from './harness.js';
import { findById, insertOne, join, keysetPage, offsetPage, openContext, updateById } from './operations.js';

const env = process.env;
const url = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/dalkit_repository_bench';
const users = Number(env.BENCH_USERS ?? 100_000);
const orders = Number(env.BENCH_ORDERS ?? 1_000_000);
const timing = {
  warmupMs: Number(env.BENCH_WARMUP_MS ?? 1000),
  sliceMs: Number(env.BENCH_SLICE_MS ?? 400),
  cycles: Number(env.BENCH_CYCLES ?? 4),
};
const bulkRows = Number(env.BENCH_BULK_ROWS ?? 100_000);
const only = env.BENCH_ONLY?.split(',');

async function ensureDatabase(): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  target.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0 && /^[a-z_][a-z0-9_]*$/.test(name))
      await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

async function main(): Promise<void> {
  await ensureDatabase();
  const ctx = openContext(url, users, orders);
  const started = Date.now();
  try {
    await ensureDataset(ctx.pool, { users, orders });
    const [load1, load5] = os.loadavg();
    console.log(`## dalkit repository benchmark — ${new Date().toISOString()}`);
    console.log(
      `node ${process.version}, ${os.cpus().length} CPUs, load ${load1?.toFixed(2)} / ${load5?.toFixed(2)} (1/5 min), users ${users}, orders ${orders}, warm-up ${timing.warmupMs} ms, slice ${timing.sliceMs} ms × ${timing.cycles} cycles`,
    );
    // Half the orders are paid: 1M orders give exactly 10,000 pages of 50.
    const deep = Math.min(10_000, Math.floor(orders / 2 / 50));
    const operations: [string, () => Contender[] | Promise<Contender[]>][] = [
      ['findById', () => findById(ctx)],
      ['offset page 1', () => offsetPage(ctx, 1)],
      ['offset page 100', () => offsetPage(ctx, 100)],
      [`offset page ${deep}`, () => offsetPage(ctx, deep)],
      ['keyset page 1', () => keysetPage(ctx, 1)],
      ['keyset page 100', () => keysetPage(ctx, 100)],
      [`keyset page ${deep}`, () => keysetPage(ctx, deep)],
      ['1000-row join', () => join(ctx)],
      ['insert one', () => insertOne(ctx)],
      ['update by id', () => updateById(ctx, false)],
      ['transaction around one update', () => updateById(ctx, true)],
    ];
    for (const [name, make] of operations) {
      if (only && !only.includes(name)) continue;
      const contenders = await make();
      for (const callers of [1, 16]) printTable(name, callers, await compare(contenders, callers, timing));
    }
    if (!only || only.includes('bulk'))
      await bulkInsert(ctx, bulkRows, Math.max(2, Math.floor(timing.cycles / 2)));
    const [after1] = os.loadavg();
    console.log(`\nfinished in ${((Date.now() - started) / 1000).toFixed(0)} s, load ${after1?.toFixed(2)}`);
  } finally {
    await ctx.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
