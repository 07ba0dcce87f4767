import { isDalkitError, QueryError, ValidationError } from '@dalkit/connection';

interface SequelizeItem {
  path?: string | null;
  validatorKey?: string | null;
  message?: string;
}

/**
 * The one place the repository turns a thrown driver/Sequelize error into a dalkit error.
 * PROVISIONAL until `mapDatabaseError` is exported by @dalkit/connection.
 */
export function mapError(error: unknown): unknown {
  if (isDalkitError(error) || !(error instanceof Error)) return error;
  if (error.name === 'SequelizeValidationError') {
    const items = ((error as { errors?: SequelizeItem[] }).errors ?? []).map((item) => ({
      path: item.path ?? '',
      rule: item.validatorKey ?? 'invalid',
      message: item.message ?? 'is invalid',
    }));
    return new ValidationError(items, { cause: error });
  }
  return new QueryError(error.message, { cause: error });
}
