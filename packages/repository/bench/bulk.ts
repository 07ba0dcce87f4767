import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { repositoryFor } from '@dalkit/repository';
import { from as copyFrom } from 'pg-copy-streams';
import type { BenchContext } from './operations.js';

interface BulkResult {
  name: string;
  rowsPerSec: number;
  cpuUsPerRow: number;
}

function rows(count: number) {
  const now = new Date();
  return Array.from({ length: count }, (_, i) => ({
    userId: 1 + (i % 1000),
    status: 'new',
    total: i % 1000,
    note: null,
    createdAt: now,
    updatedAt: now,
  }));
}

async function measure(name: string, count: number, work: () => Promise<unknown>): Promise<BulkResult> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { name, rowsPerSec: count / seconds, cpuUsPerRow: (used.user + used.system) / count };
}

/** COPY FROM STDIN vs Sequelize bulkCreate vs repository createMany, `cycles` times interleaved. */
export async function bulkInsert(ctx: BenchContext, count: number, cycles: number): Promise<void> {
  const repo = repositoryFor(ctx.repo.BenchBulkOrder);
  const input = rows(count);
  const results = new Map<string, BulkResult[]>();
  const contenders: [string, () => Promise<unknown>][] = [
    [
      'pg COPY FROM STDIN',
      async () => {
        const client = await ctx.pool.connect();
        try {
          const stream = client.query(
            copyFrom('COPY bulk_orders (user_id, status, total, note, created_at, updated_at) FROM STDIN'),
          );
          const iso = input[0]?.createdAt.toISOString();
          // 5,000 lines per write: the stream sees few, large chunks, as bulkInsert sends them.
          const chunks = function* () {
            for (let i = 0; i < input.length; i += 5000) {
              let text = '';
              for (const r of input.slice(i, i + 5000))
                text += `${r.userId}\t${r.status}\t${r.total}\t\\N\t${iso}\t${iso}\n`;
              yield text;
            }
          };
          await pipeline(Readable.from(chunks()), stream);
        } finally {
          client.release();
        }
      },
    ],
    ['Sequelize bulkCreate', () => ctx.plain.BenchBulkOrder.bulkCreate(input)],
    ['repository createMany (bulkInsert: COPY)', () => repo.createMany(input)],
  ];
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (let i = 0; i < contenders.length; i++) {
      const [name, work] = contenders[(i + cycle) % contenders.length] as [string, () => Promise<unknown>];
      await ctx.pool.query('TRUNCATE bulk_orders');
      const list = results.get(name) ?? [];
      list.push(await measure(name, count, work));
      results.set(name, list);
    }
  }
  const copy = results.get('pg COPY FROM STDIN') ?? [];
  console.log(`\n#### bulk insert of ${count} rows (${cycles} cycles)\n`);
  console.log('| contender | rows/s | Node CPU µs/row | rows/s vs COPY (median) |');
  console.log('|---|---:|---:|---:|');
  for (const [name, list] of results) {
    const ratios = list.map((r, i) => r.rowsPerSec / (copy[i]?.rowsPerSec ?? 1)).sort((a, b) => a - b);
    const mean = (f: (r: BulkResult) => number) => list.reduce((n, r) => n + f(r), 0) / list.length;
    console.log(
      `| ${name} | ${mean((r) => r.rowsPerSec).toFixed(0)} | ${mean((r) => r.cpuUsPerRow).toFixed(2)} | ${(ratios[Math.floor(ratios.length / 2)] ?? 0).toFixed(2)}x |`,
    );
  }
  await ctx.pool.query('TRUNCATE bulk_orders');
}
