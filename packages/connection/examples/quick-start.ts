import { createDatabase } from '@dalkit/connection';

/** Connect from a URL, run a parameterized query, check health, close. */
export async function quickStart(url: string): Promise<string[]> {
  const out: string[] = [];
  const db = createDatabase({ url, pool: { max: 1, min: 0 } });
  try {
    await db.connect(); // retries with backoff until the server answers, or throws ConnectionError
    const rows = await db.query<{ answer: number }>('SELECT $1 + 1 AS answer', { bind: [41] });
    out.push(`answer: ${Number(rows[0]?.answer)}`);
    const health = await db.health();
    out.push(`healthy: ${health.ok}, pool max: ${health.pool.max}`);
  } finally {
    await db.close();
  }
  return out;
}
