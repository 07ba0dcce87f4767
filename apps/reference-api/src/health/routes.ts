import type { Database } from '@dalkit/connection';
import type { FastifyPluginAsync } from 'fastify';
import { RETRY_AFTER_SECONDS } from '../http-errors.js';

const READY = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    database: {
      type: 'object',
      properties: { ok: { type: 'boolean' }, latencyMs: { type: 'number' }, error: { type: 'string' } },
    },
    migrations: {
      type: 'object',
      properties: { ok: { type: 'boolean' }, pending: { type: 'array', items: { type: 'string' } } },
    },
  },
} as const;

/** `/health/live` (the process answers) and `/health/ready` (database reachable, schema current). */
export const healthRoutes: FastifyPluginAsync<{
  db: Database;
  pendingMigrations: () => Promise<string[]>;
}> = async (app, { db, pendingMigrations }) => {
  app.get(
    '/health/live',
    {
      logLevel: 'warn',
      schema: {
        tags: ['health'],
        response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
      },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/health/ready',
    { logLevel: 'warn', schema: { tags: ['health'], response: { 200: READY, 503: READY } } },
    async (_req, reply) => {
      let database: { ok: boolean; latencyMs?: number; error?: string };
      let migrations: { ok: boolean; pending: string[] } = { ok: false, pending: [] };
      try {
        database = { ok: true, latencyMs: Math.round((await withTimeout(db.ping(), 2_000)) * 100) / 100 };
        const pending = await withTimeout(pendingMigrations(), 2_000);
        migrations = { ok: pending.length === 0, pending };
      } catch {
        database = { ok: false, error: 'database unavailable' };
      }
      const ok = database.ok && migrations.ok;
      if (!ok) reply.status(503).header('retry-after', String(RETRY_AFTER_SECONDS));
      return { status: ok ? 'ok' : 'unavailable', database, migrations };
    },
  );
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
