import autocannon from 'autocannon';

/** One request of a mix, built fresh for every call. */
export interface MixRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

/** What one load run measured. */
export interface LoadResult {
  name: string;
  targetRps: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  total: number;
  errors: number;
  non2xx: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

/** Splits `total` into `parts` whole numbers that differ by at most one. */
function spread(total: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_, i) => Math.floor(((i + 1) * total) / parts) - Math.floor((i * total) / parts),
  );
}

/**
 * Drives `url` at an even overall rate of `rps` requests per second for `durationS` seconds with
 * requests from `next()`, recording every response time (autocannon reports p97.5, not p95).
 *
 * autocannon's own `overallRate` is a heartbeat, not a rate: every connection fires its whole
 * per-second quota back to back at the start of each second (mcollina/autocannon#174), so at
 * 500 requests/s it measures how long a burst of 500 takes to drain. Here the load is split
 * into `lanes` autocannon instances started `1000 / lanes` ms apart; each connection sends one
 * request per second, so about `rps / lanes` requests arrive together every `1000 / lanes` ms.
 */
export async function runLoad(
  name: string,
  url: string,
  next: () => MixRequest,
  options: { rps: number; durationS: number; lanes: number },
): Promise<LoadResult> {
  const times: number[] = [];
  const lanes = Math.min(options.lanes, options.rps);
  const stagger = 1000 / lanes;
  const results = await Promise.all(
    spread(options.rps, lanes).map(async (connections, lane) => {
      await new Promise((resolve) => setTimeout(resolve, lane * stagger));
      const instance = autocannon({
        url,
        connections,
        connectionRate: 1,
        duration: options.durationS,
        requests: [
          {
            setupRequest: (request) => {
              const mix = next();
              return {
                ...request,
                method: mix.method,
                path: mix.path,
                ...(mix.body === undefined
                  ? {}
                  : { body: JSON.stringify(mix.body), headers: { 'content-type': 'application/json' } }),
              };
            },
          },
        ],
      });
      instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
        times.push(responseTime);
      });
      return instance;
    }),
  );
  times.sort((a, b) => a - b);
  const sum = (pick: (r: (typeof results)[number]) => number) => results.reduce((n, r) => n + pick(r), 0);
  const total = sum((r) => r.requests.total);
  return {
    name,
    targetRps: options.rps,
    requestsPerSecond: Math.round(total / options.durationS),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    total,
    errors: sum((r) => r.errors + r.timeouts),
    non2xx: sum((r) => r.non2xx),
  };
}
