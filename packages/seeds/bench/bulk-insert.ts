/**
 * Bulk-load benchmark on the local PostgreSQL server: COPY FROM STDIN (raw pg +
 * pg-copy-streams) vs dalkit's bulkWrite on its COPY path (the default there) and on its
 * unnest() path (`method: 'unnest'`, what the embedded database and upserts use) vs Sequelize
 * bulkCreate, side by side, same rows, same table, interleaved cycles; prints median rows/s,
 * Node CPU per row and the ratio to COPY. Run: `pnpm --filter @dalkit/seeds bench`
 * (BENCH_ROWS, BENCH_CYCLES, DALKIT_BENCH_PG_URL to change the defaults).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataTypes, Model, Sequelize } from 'sequelize';
import { bulkWrite } from '../src/index.js';

const ADMIN_URL =
  process.env.DALKIT_BENCH_PG_URL ??
  process.env.DALKIT_TEST_PG_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 5);
const DATABASE = 'dalkit_bench_seeds';

interface BenchRow {
  email: string;
  name: string;
  age: number;
  score: number;
  active: boolean;
  created_at: Date;
}

const rows: BenchRow[] = Array.from({ length: ROWS }, (_, i) => ({
  email: `user${i}@example.com`,
  name: `User number ${i}`,
  age: 18 + (i % 60),
  score: ((i * 7919) % 1000) / 10,
  active: i % 3 !== 0,
  created_at: new Date(1_700_000_000_000 + i * 1000),
}));

function databaseUrl(admin: string, database: string): string {
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const escapeCopy = (s: string) =>
  s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string);

async function copyRows(client: pg.Client): Promise<void> {
  const stream = client.query(
    copyFrom('COPY bench_users (email, name, age, score, active, created_at) FROM STDIN'),
  );
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  for (let i = 0; i < rows.length; i += 10_000) {
    let chunk = '';
    for (const r of rows.slice(i, i + 10_000)) {
      chunk += `${escapeCopy(r.email)}\t${escapeCopy(r.name)}\t${r.age}\t${r.score}\t${r.active ? 't' : 'f'}\t${r.created_at.toISOString()}\n`;
    }
    if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
  }
  stream.end();
  await done;
}

class BenchUser extends Model {}

interface Method {
  name: string;
  run(): Promise<void>;
}

interface Sample {
  rowsPerSecond: number;
  cpuMicrosPerRow: number;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main(): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DATABASE}`);
  const url = databaseUrl(ADMIN_URL, DATABASE);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const sequelize = new Sequelize(url, { logging: false, pool: { max: 1, min: 1 } });
  try {
    await client.query(`CREATE TABLE bench_users (
      id BIGSERIAL PRIMARY KEY, email TEXT NOT NULL, name VARCHAR(100) NOT NULL, age INTEGER NOT NULL,
      score DOUBLE PRECISION NOT NULL, active BOOLEAN NOT NULL, created_at TIMESTAMPTZ NOT NULL)`);
    BenchUser.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        email: { type: DataTypes.TEXT },
        name: { type: DataTypes.STRING(100) },
        age: { type: DataTypes.INTEGER },
        score: { type: DataTypes.DOUBLE },
        active: { type: DataTypes.BOOLEAN },
        created_at: { type: DataTypes.DATE },
      },
      { sequelize, tableName: 'bench_users', timestamps: false },
    );
    const methods: Method[] = [
      { name: 'COPY FROM STDIN (pg-copy-streams)', run: () => copyRows(client) },
      {
        name: 'dalkit bulkWrite (COPY)',
        run: async () => void (await bulkWrite(sequelize, 'bench_users', rows, { method: 'copy' })),
      },
      {
        name: 'dalkit bulkWrite (unnest)',
        run: async () => void (await bulkWrite(sequelize, 'bench_users', rows, { method: 'unnest' })),
      },
      { name: 'Sequelize bulkCreate', run: async () => void (await BenchUser.bulkCreate(rows as never[])) },
    ];
    const samples = new Map<string, Sample[]>(methods.map((m) => [m.name, []]));
    await sequelize.authenticate();
    for (let cycle = 0; cycle <= CYCLES; cycle++) {
      const order = methods.map((_, i) => methods[(i + cycle) % methods.length] as Method);
      for (const method of order) {
        await client.query('TRUNCATE bench_users');
        const cpu = process.cpuUsage();
        const started = performance.now();
        await method.run();
        const seconds = (performance.now() - started) / 1000;
        const used = process.cpuUsage(cpu);
        const { rows: counted } = await client.query<{ n: string }>('SELECT count(*) AS n FROM bench_users');
        if (Number(counted[0]?.n) !== ROWS)
          throw new Error(`${method.name} wrote ${counted[0]?.n} rows, not ${ROWS}`);
        // Cycle 0 warms every path up and is not counted.
        if (cycle > 0) {
          samples
            .get(method.name)
            ?.push({ rowsPerSecond: ROWS / seconds, cpuMicrosPerRow: (used.user + used.system) / ROWS });
        }
      }
    }
    const copy = (samples.get(methods[0]?.name as string) ?? []).map((s) => s.rowsPerSecond);
    const load = os.loadavg().map((n) => n.toFixed(2));
    console.log(
      `${new Date().toISOString()}: ${ROWS.toLocaleString('en-US')} rows x ${CYCLES} cycles (medians), PostgreSQL at ${new URL(ADMIN_URL).host}, load ${load.join(' / ')} (1/5/15 min)`,
    );
    console.log(
      'method                               rows/s     Node CPU µs/row   vs COPY (median of same-cycle ratios)',
    );
    for (const method of methods) {
      const list = samples.get(method.name) ?? [];
      const rate = median(list.map((s) => s.rowsPerSecond));
      const cpu = median(list.map((s) => s.cpuMicrosPerRow));
      // The machine is noisy: compare with COPY within each cycle, then take the median.
      const ratio = median(list.map((s, cycle) => s.rowsPerSecond / (copy[cycle] as number)));
      console.log(
        `${method.name.padEnd(36)} ${Math.round(rate).toLocaleString('en-US').padStart(8)}   ${cpu.toFixed(2).padStart(8)}          ${ratio.toFixed(2)}x`,
      );
    }
  } finally {
    await sequelize.close();
    await client.end();
    await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }
}

await main();
