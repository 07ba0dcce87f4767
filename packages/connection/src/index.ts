export { bulkInsert } from './bulk/bulk-insert.js';
export { MAX_BIND_PARAMETERS, maxRowsPerValuesStatement } from './bulk/statements.js';
export type {
  BulkConflict,
  BulkInsertOptions,
  BulkInsertResult,
  BulkRow,
  BulkRows,
  BulkTable,
  BulkTarget,
} from './bulk/types.js';
export { BulkMethod } from './bulk/types.js';
export { defineConfig } from './config/define-config.js';
export type { EnvironmentVariables } from './config/from-env.js';
export { ENV_VARIABLES, fromEnv } from './config/from-env.js';
export type { LoadedConfigFile } from './config/from-file.js';
export { CONFIG_FILE_NAMES, findConfigFile, loadConfigFile } from './config/from-file.js';
export type { LoadConfigOptions } from './config/load-config.js';
export { loadConfig } from './config/load-config.js';
export type { ResolveConfigSources } from './config/resolve-config.js';
export { isResolvedConfig, resolveConfig } from './config/resolve-config.js';
export type {
  DatabaseConfig,
  DatabaseConfigFile,
  LogLevel,
  ResolvedDatabaseConfig,
} from './config/schema.js';
export { DEFAULTS, Dialect, SslMode } from './config/schema.js';
export type {
  CreateDatabaseOptions,
  Database,
  DatabaseHandle,
  QueryOptions,
  RedactedDatabaseConfig,
} from './create-database.js';
export { createDatabase } from './create-database.js';
export type { EmbeddedPostgres, EmbeddedPostgresOptions } from './dialects/embedded-postgres.js';
export { startEmbeddedPostgres } from './dialects/embedded-postgres.js';
export type { RequireFn } from './dialects/load-driver.js';
export { DRIVER_PACKAGE, loadDriver } from './dialects/load-driver.js';
export { sslOptions } from './dialects/ssl-options.js';
export { ErrorCode, HTTP_STATUS_BY_CODE } from './errors/codes.js';
export type { DalkitErrorOptions } from './errors/dalkit-error.js';
export { DalkitError, isDalkitError } from './errors/dalkit-error.js';
export type {
  ConfigIssue,
  ConstraintViolation,
  TransientReason,
  ValidationIssue,
} from './errors/errors.js';
export {
  ConfigError,
  ConflictError,
  ConnectionError,
  ConstraintKind,
  ConstraintViolationError,
  NotFoundError,
  OperationRefusedError,
  QueryError,
  TimeoutError,
  TransactionStateError,
  TransientError,
  ValidationError,
} from './errors/errors.js';
export { mapDatabaseError } from './errors/map-database-error.js';
export type { HealthReport, PoolStats } from './health.js';
export { defaultExport, IMPORTABLE_EXTENSIONS, importModule } from './import-module.js';
export type { LogFn, Logger } from './logging.js';
export { createDefaultLogger, redactingLogger, silentLogger } from './logging.js';
export type { QueryLoggingOptions } from './query-logging.js';
export { redactSqlLiterals } from './query-logging.js';
export { quoteIdentifier } from './quote-identifier.js';
export { redactSecrets, redactUrl } from './redact.js';
export type { RetryAttemptFailure, RetryClock, RetryOptions, RetryPolicy } from './retry.js';
export { backoffDelay, RetryExhaustedError, retryWithBackoff, systemClock } from './retry.js';
export type { TransactionManagerDeps } from './transactions/create-transaction-manager.js';
export { createTransactionManager } from './transactions/create-transaction-manager.js';
export type { TransactionDialect } from './transactions/dialect-rules.js';
export { DEFAULT_TRANSACTION_RETRY } from './transactions/retry-transaction.js';
export type { RowLockFindOptions } from './transactions/row-lock.js';
export { RowLock, rowLockOptions } from './transactions/row-lock.js';
export type {
  AdvisoryLockKey,
  AdvisoryLockOptions,
  ManualTransaction,
  TransactionManager,
  TransactionOptions,
  TransactionRetryOptions,
} from './transactions/types.js';
export { IsolationLevel, Propagation } from './transactions/types.js';
export { transactionManagerOf, withTransaction } from './transactions/with-transaction.js';
