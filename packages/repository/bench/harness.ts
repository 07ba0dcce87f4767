/** Interleaved, same-cycle measurement of several contenders doing the same operation. */

import { PerformanceObserver } from 'node:perf_hooks';

/** What one contender runs per call. */
export interface Contender {
  name: string;
  run: () => Promise<unknown>;
}

interface Slice {
  ops: number;
  /** performance.now() at the start of the slice. */
  startMs: number;
  elapsedMs: number;
  cpuUs: number;
  latencies: number[];
}

/** Runs `run` from `callers` concurrent loops for `ms` milliseconds. */
async function slice(run: () => Promise<unknown>, callers: number, ms: number): Promise<Slice> {
  const latencies: number[] = [];
  let ops = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const deadline = start + ms;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      do {
        const t = performance.now();
        await run();
        latencies.push(performance.now() - t);
        ops++;
      } while (performance.now() < deadline);
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    ops,
    startMs: start,
    elapsedMs: performance.now() - start,
    cpuUs: used.user + used.system,
    latencies,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One result row of the table. */
export interface Result {
  name: string;
  opsPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  cpuUsPerOp: number;
  /** Garbage-collection pauses (young and old generation) per op, in µs. */
  gcUsPerOp: number;
  /** Median over cycles of (baseline ops/s ÷ this ops/s): time ratio, lower is faster. */
  ratio: number;
}

/** A reproducible pseudo-random generator (mulberry32), so every run shuffles the same way. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `items` in a new order (Fisher–Yates). */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

interface GcPause {
  startMs: number;
  durationMs: number;
}

/** Runs `work` and returns the garbage-collection pauses seen meanwhile (delivered after the fact). */
async function recordingGcPauses(work: () => Promise<void>): Promise<GcPause[]> {
  const pauses: GcPause[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ startMs: e.startTime, durationMs: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    await work();
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    observer.disconnect();
  }
  return pauses;
}

/** Milliseconds of the pauses that started within the slice. */
function gcMsDuring(pauses: readonly GcPause[], s: Slice): number {
  const end = s.startMs + s.elapsedMs;
  return pauses.reduce((ms, p) => (p.startMs >= s.startMs && p.startMs < end ? ms + p.durationMs : ms), 0);
}

/** How long `compare` runs each contender. */
export interface Timing {
  /** Unmeasured time per contender first, so every path is optimized before it is measured. */
  warmupMs: number;
  sliceMs: number;
  cycles: number;
}

/**
 * Measures every contender `cycles` times in a new shuffled order each cycle (a plain rotation
 * would keep each contender behind the same neighbour every cycle, so one would always pay the
 * garbage another left); the first contender is the baseline.
 *
 * The warm-up is long because some paths take seconds of calls before V8 has optimized all of
 * their code: a repository call inside `withTransaction` cost 500, 290, 220, 180 and then
 * 165 µs of Node CPU over its first five 400 ms slices here.
 */
export async function compare(
  contenders: Contender[],
  callers: number,
  { warmupMs, sliceMs, cycles }: Timing,
): Promise<Result[]> {
  for (const c of contenders) await slice(c.run, callers, warmupMs);
  const slices = new Map<string, Slice[]>(contenders.map((c) => [c.name, []]));
  const random = seededRandom(contenders.length * 7919 + callers);
  const pauses = await recordingGcPauses(async () => {
    for (let cycle = 0; cycle < cycles; cycle++) {
      const order = shuffled(contenders, random);
      for (const c of order) slices.get(c.name)?.push(await slice(c.run, callers, sliceMs));
    }
  });
  const baseline = slices.get(contenders[0]?.name ?? '') ?? [];
  return contenders.map((c) => {
    const own = slices.get(c.name) ?? [];
    const ops = own.reduce((n, s) => n + s.ops, 0);
    const elapsed = own.reduce((n, s) => n + s.elapsedMs, 0);
    const latencies = own.flatMap((s) => s.latencies).sort((a, b) => a - b);
    const ratios = own.map((s, i) => {
      const base = baseline[i] as Slice;
      return base.ops / base.elapsedMs / (s.ops / s.elapsedMs);
    });
    return {
      name: c.name,
      opsPerSec: (ops / elapsed) * 1000,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      cpuUsPerOp: own.reduce((n, s) => n + s.cpuUs, 0) / ops,
      gcUsPerOp: (own.reduce((n, s) => n + gcMsDuring(pauses, s), 0) * 1000) / ops,
      ratio: median(ratios),
    };
  });
}

/** Prints one operation's results as a Markdown table. */
export function printTable(title: string, callers: number, results: Result[]): void {
  console.log(`\n#### ${title} — ${callers} caller${callers > 1 ? 's' : ''}\n`);
  console.log(
    '| contender | ops/s | p50 ms | p95 ms | p99 ms | Node CPU µs/op | of it GC µs/op | time ratio to pg (median) |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.opsPerSec.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.cpuUsPerOp.toFixed(0)} | ${r.gcUsPerOp.toFixed(0)} | ${r.ratio.toFixed(2)}x |`,
    );
  }
}
