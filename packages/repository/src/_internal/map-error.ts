import { mapDatabaseError } from '@dalkit/connection';

/** The one place the repository turns a thrown driver/Sequelize error into a dalkit error. */
export function mapError(error: unknown): unknown {
  return mapDatabaseError(error);
}
