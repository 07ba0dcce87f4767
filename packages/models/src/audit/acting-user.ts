import { AsyncLocalStorage } from 'node:async_hooks';
import { ValidationError } from '@dalkit/connection';

/** An acting user's id as given to {@link runAs}; stored as a string. */
export type ActorId = string | number | bigint;

const storage = new AsyncLocalStorage<{ readonly actorId: string }>();

/**
 * Runs `fn` as `actorId`: every create and update inside it (single rows, `bulkCreate`,
 * `Model.update` with a `where`, `upsert`, soft delete and restore, junction rows of
 * many-to-many) fills `created_by` / `updated_by` with that id. The actor follows the async context, so it flows into
 * transactions and awaited calls; nested `runAs` calls take over for their own scope.
 * @example await runAs(user.id, () => Order.create({ total: 10 }));
 */
export function runAs<T>(actorId: ActorId, fn: () => T): T {
  const id = String(actorId);
  if (id.length === 0 || id.length > 64) {
    throw new ValidationError([
      { path: 'actorId', rule: 'length', message: 'actorId must be between 1 and 64 characters' },
    ]);
  }
  return storage.run({ actorId: id }, fn);
}

/** The acting user of the current async context, or `undefined` outside {@link runAs}. */
export function currentActor(): string | undefined {
  return storage.getStore()?.actorId;
}
