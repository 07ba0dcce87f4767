import type { Model, ModelStatic } from 'sequelize';
import { Repository } from './repository.js';
import type { RepositoryOptions } from './types.js';

/**
 * A repository for `model` with the given allowlists. List fields `as const` so filters and
 * sorts are checked at compile time.
 * @example
 * const orders = repositoryFor(Order, { filterable: ['status', 'total', 'user.email'], sortable: ['createdAt', 'total'] });
 */
export function repositoryFor<
  M extends Model,
  const F extends string = never,
  const S extends string = never,
>(model: ModelStatic<M>, options: RepositoryOptions<F, S> = {}): Repository<M, F, S> {
  return new Repository<M, F, S>(model, options);
}
