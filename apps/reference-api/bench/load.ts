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

/**
 * Drives `url` at a fixed overall rate for `durationS` seconds with requests from `next()`,
 * recording every response time (autocannon reports p97.5, not p95).
 */
export async function runLoad(
  name: string,
  url: string,
  next: () => MixRequest,
  options: { rps: number; durationS: number; connections: number },
): Promise<LoadResult> {
  const times: number[] = [];
  const instance = autocannon({
    url,
    connections: options.connections,
    duration: options.durationS,
    overallRate: options.rps,
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
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    name,
    targetRps: options.rps,
    requestsPerSecond: Math.round(result.requests.total / options.durationS),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
