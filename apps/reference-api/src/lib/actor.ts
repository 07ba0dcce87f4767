import { runAs } from '@dalkit/models';
import type { FastifyRequest } from 'fastify';

/** Runs `fn` as the user named by the `x-user-id` header (a UUID, checked by the route schema), if any. */
export function asActor<T>(request: FastifyRequest, fn: () => Promise<T>): Promise<T> {
  const header = request.headers['x-user-id'];
  return typeof header === 'string' ? runAs(header.toLowerCase(), fn) : fn();
}
