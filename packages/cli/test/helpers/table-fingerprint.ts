import mysql from 'mysql2/promise';
import pg from 'pg';

/** Row count and content checksum of every user table, keyed like backup manifests. */
export type Fingerprint = Record<string, { rows: number; checksum: string }>;

/** PostgreSQL: md5 over every row's text form in a stable order, per table. */
export async function postgresFingerprint(url: string): Promise<Fingerprint> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
       ORDER BY 1, 2`,
    );
    const out: Fingerprint = {};
    for (const { schema, name } of tables) {
      const qualified = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`;
      const { rows } = await client.query<{ rows: string; checksum: string }>(
        `SELECT count(*) AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS checksum FROM ${qualified} t`,
      );
      out[`${schema}.${name}`] = { rows: Number(rows[0]?.rows), checksum: String(rows[0]?.checksum) };
    }
    return out;
  } finally {
    await client.end();
  }
}

/** MariaDB: `CHECKSUM TABLE` and an exact count, per table. */
export async function mariadbFingerprint(url: string): Promise<Fingerprint> {
  const connection = await mysql.createConnection(url);
  try {
    const [tables] = await connection.query<mysql.RowDataPacket[]>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const out: Fingerprint = {};
    for (const { name } of tables) {
      const quoted = connection.escapeId(String(name));
      const [[count]] = await connection.query<mysql.RowDataPacket[]>(`SELECT count(*) AS n FROM ${quoted}`);
      const [[sum]] = await connection.query<mysql.RowDataPacket[]>(`CHECKSUM TABLE ${quoted}`);
      out[String(name)] = { rows: Number(count?.n), checksum: String(sum?.Checksum) };
    }
    return out;
  } finally {
    await connection.end();
  }
}
