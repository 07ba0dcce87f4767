/** @dalkit/seeds: tracked, idempotent, environment-aware database seeding with fast bulk loads. */
export type { BulkWriteOptions, BulkWriteResult } from './bulk/bulk-write.js';
export { bulkWrite } from './bulk/bulk-write.js';
export type { WriteMode } from './bulk/statements.js';
export { MAX_BIND_PARAMETERS, maxRowsPerValuesStatement } from './bulk/statements.js';
export { createSeeder } from './create-seeder.js';
export { defineSeed } from './define-seed.js';
export {
  ALL_ENVIRONMENTS,
  isSeedEnvironment,
  resolveSeedEnvironment,
  SeedEnvironment,
} from './environment.js';
export { SeedFailedError } from './errors.js';
export { FORCE_PRODUCTION_VARIABLE } from './guards.js';
export type { SeedHistoryEntry } from './history/history-table.js';
export { SEED_HISTORY_TABLE } from './history/history-table.js';
export type { LoadedSeed } from './load-seeds.js';
export { loadSeeds } from './load-seeds.js';
export type { CreateProgressOptions } from './progress/create-progress.js';
export { createProgress } from './progress/create-progress.js';
export type { LogProgressOptions } from './progress/log-progress.js';
export { createLogProgress, silentProgress } from './progress/log-progress.js';
export type { ProgressStream, TerminalProgressOptions } from './progress/terminal-progress.js';
export { createTerminalProgress } from './progress/terminal-progress.js';
export type { ProgressReporter, ProgressSnapshot, ProgressStart, ProgressTask } from './progress/types.js';
export type { SeedStatus } from './seed-status.js';
export { SeedState } from './seed-status.js';
export type {
  ResetSeedsOptions,
  ResetSeedsResult,
  RunSeedsOptions,
  RunSeedsResult,
  Seeder,
  SeederOptions,
  SeedRunRecord,
} from './seeder-types.js';
export type {
  SeedContext,
  SeedDatabase,
  SeedDefinition,
  SeedModel,
  SeedRow,
  SeedRows,
  UpsertOptions,
  WriteOptions,
  WriteTarget,
} from './types.js';
