import { fileURLToPath } from 'node:url';
import { createDatabase, loadConfig } from '@dalkit/connection';

/**
 * Resolve explicit options > environment > config file > defaults, then open the handle.
 * Here DATABASE_URL (from `env`) overrides the file's `url`; the file still sets the pool.
 */
export async function fromConfigFile(env: Record<string, string>): Promise<string[]> {
  const config = await loadConfig(
    { pool: { min: 0 } },
    { env, configFile: fileURLToPath(new URL('./config/dalkit.config.ts', import.meta.url)) },
  );
  const db = createDatabase(config);
  try {
    const rows = await db.query<{ ok: number }>('SELECT 1 AS ok');
    return [
      `pool max: ${db.config.pool.max}`,
      `slow query ms: ${db.config.logging.slowQueryMs}`,
      `ok: ${rows[0]?.ok}`,
    ];
  } finally {
    await db.close();
  }
}
