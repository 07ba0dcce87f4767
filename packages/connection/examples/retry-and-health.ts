import { type ConnectionError, createDatabase, isDalkitError } from '@dalkit/connection';

/**
 * Wait for a database that may still be starting (a container, a failover), then serve a
 * health check. Each failed attempt is logged with its number, delay and the redacted target.
 */
export async function waitThenCheck(url: string): Promise<string[]> {
  const db = createDatabase({
    url,
    pool: { max: 1, min: 0 },
    retry: { maxAttempts: 20, initialDelayMs: 100, maxDelayMs: 2_000, deadlineMs: 30_000 },
  });
  try {
    await db.connect();
    const report = await db.health(); // never throws: { ok, latencyMs, pool: { size, idle, using, waiting, min, max } }
    return [`ok: ${report.ok}`, `latency measured: ${typeof report.latencyMs === 'number'}`];
  } catch (error) {
    if (isDalkitError(error, 'CONNECTION_FAILED')) return [(error as ConnectionError).message];
    throw error;
  } finally {
    await db.close();
  }
}
