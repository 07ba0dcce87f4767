/**
 * PENDING: `ForeignKeyColumn(() => Model)` of @dalkit/models does not yet accept models typed
 * with `InferAttributes` (its own tests hit the same TS2322). Delete once its signature is widened.
 */
import type { ForeignKeyColumn } from '@dalkit/models';

/** The model getter, typed as `ForeignKeyColumn` currently expects. */
export const fkTarget = (get: () => unknown): Parameters<typeof ForeignKeyColumn>[0] =>
  get as Parameters<typeof ForeignKeyColumn>[0];
