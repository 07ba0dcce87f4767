import { randomUUID } from 'node:crypto';
import type { Database } from '@dalkit/connection';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { categoryRoutes } from './categories/routes.js';
import { healthRoutes } from './health/routes.js';
import { handleError, handleNotFound } from './http-errors.js';
import { NO_QUERY } from './lib/schemas.js';
import { orderRoutes } from './orders/routes.js';
import { productRoutes } from './products/routes.js';
import { userRoutes } from './users/routes.js';

/** What {@link buildApp} needs. */
export interface AppOptions {
  /** The database handle, models already registered. */
  db: Database;
  /** Names of migrations not applied yet (for `/health/ready`). */
  pendingMigrations: () => Promise<string[]>;
  /** HMAC secret of keyset cursors; share it between instances. @default a random one per process */
  cursorSecret?: string;
  /** Fastify's logger option: pino options, a pino instance, or false. @default false */
  logger?: FastifyServerOptions['logger'];
  /** Fastify's loggerInstance option (a pino instance). */
  loggerInstance?: FastifyServerOptions['loggerInstance'];
}

/**
 * Builds the Fastify app without listening: every route, JSON schemas, OpenAPI at `/docs`,
 * problem+json errors, request ids (honouring `x-request-id`) and request logs with durations.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger ?? false }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    bodyLimit: 256 * 1024,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: true, allErrors: true, useDefaults: true },
    },
  });
  app.addHook('onRoute', (route) => {
    route.schema ??= {};
    route.schema.querystring ??= NO_QUERY;
  });
  // While shutting down, responses close their keep-alive connection, so a request that was
  // in flight does not hold the server open until the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'dalkit reference API',
        version: '0.0.0',
        description: 'Every dalkit package composed.',
      },
      components: {},
    },
  });
  app.get('/docs', { schema: { hide: true } }, async () => app.swagger());
  const deps = { db: options.db, ...(options.cursorSecret ? { cursorSecret: options.cursorSecret } : {}) };
  await app.register(healthRoutes, { db: options.db, pendingMigrations: options.pendingMigrations });
  await app.register(userRoutes, deps);
  await app.register(categoryRoutes, deps);
  await app.register(productRoutes, deps);
  await app.register(orderRoutes, deps);
  return app;
}
