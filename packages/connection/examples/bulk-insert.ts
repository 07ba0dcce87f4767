import { bulkInsert, createDatabase } from '@dalkit/connection';

/** Loads 10,000 generated events in one transaction, with progress, and reads a count back. */
export async function loadEvents(url: string): Promise<string[]> {
  const out: string[] = [];
  const db = createDatabase({ url, pool: { max: 1, min: 0 }, logging: { level: 'silent' } });
  try {
    await db.query(
      'CREATE TABLE example_events (id INTEGER PRIMARY KEY, kind VARCHAR(20) NOT NULL, note TEXT NULL)',
    );
    function* events() {
      for (let i = 1; i <= 10_000; i++)
        yield [i, i % 4 === 0 ? 'click' : 'view', i === 1 ? 'tab\tand\nnewline' : null];
    }
    const result = await db.transaction(() =>
      bulkInsert(db, {
        table: 'example_events',
        columns: ['id', 'kind', 'note'],
        rows: events(),
        onProgress: (sent) => out.push(`sent ${sent}`),
      }),
    );
    out.push(`${result.rowsAffected} rows written`);
    const [clicks] = await db.query<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM example_events WHERE kind = 'click'`,
    );
    out.push(`clicks: ${Number(clicks?.n)}`);
  } finally {
    await db.close();
  }
  return out;
}
