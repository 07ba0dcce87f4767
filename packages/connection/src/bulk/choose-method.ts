import type { Sequelize, Transaction } from 'sequelize';
import { ValidationError } from '../errors/errors.js';
import { isEmbeddedPostgres, usesJavaScriptPg } from './server-kind.js';
import { BulkMethod } from './types.js';

/** What the choice of a PostgreSQL bulk method depends on. */
export interface PostgresMethodInput {
  sequelize: Sequelize;
  transaction: Transaction | undefined;
  requested: BulkMethod;
  /** An upsert or insert-if-missing was asked for (COPY cannot do either). */
  hasConflict: boolean;
  /** Some written column is array-typed (`unnest()` would flatten it). */
  hasArrayColumn: boolean;
}

function refuse(method: BulkMethod, why: string): never {
  throw new ValidationError([{ path: 'method', rule: 'unsupported', message: `method: ${method} ${why}` }]);
}

async function copyAvailable(input: PostgresMethodInput): Promise<boolean> {
  return usesJavaScriptPg(input.sequelize) && !(await isEmbeddedPostgres(input.sequelize, input.transaction));
}

/**
 * The method for a PostgreSQL load: `auto` picks COPY on a server reached through `pg`,
 * `unnest()` on the embedded PGlite or with `onConflict`, and VALUES for array columns that
 * `unnest()` cannot carry. A forced method that cannot work is a ValidationError on `method`.
 */
export async function choosePostgresMethod(input: PostgresMethodInput): Promise<Exclude<BulkMethod, 'auto'>> {
  const { requested, hasConflict, hasArrayColumn } = input;
  switch (requested) {
    case BulkMethod.VALUES:
      return requested;
    case BulkMethod.UNNEST:
      if (hasArrayColumn) refuse(requested, 'cannot write array-typed columns; use values or copy');
      return requested;
    case BulkMethod.COPY:
      if (hasConflict) refuse(requested, 'cannot be combined with onConflict; use unnest');
      if (!(await copyAvailable(input)))
        refuse(
          requested,
          'needs a PostgreSQL server reached through pg (not the embedded PGlite or pg-native)',
        );
      return requested;
  }
  if (!hasConflict && (await copyAvailable(input))) return BulkMethod.COPY;
  return hasArrayColumn ? BulkMethod.VALUES : BulkMethod.UNNEST;
}
