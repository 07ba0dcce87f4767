import type { FastifyRequest } from 'fastify';
import { runAs } from '../_pending/models.js';

/** Runs `fn` as the user named by the `x-user-id` header (validated as a UUID by the route schema). */
export function asActor<T>(request: FastifyRequest, fn: () => Promise<T>): Promise<T> {
  const header = request.headers['x-user-id'];
  return runAs(typeof header === 'string' ? header.toLowerCase() : null, fn);
}
