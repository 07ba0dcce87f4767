import { TransactionStateError } from '../errors/errors.js';
import { IsolationLevel, Propagation, type TransactionOptions } from './types.js';

/** The dialects a transaction manager runs on; mysql and mariadb behave alike here. */
export type TransactionDialect = 'postgres' | 'mariadb' | 'mysql';

const ISOLATION_LEVELS = new Set<string>(Object.values(IsolationLevel));
const PROPAGATIONS = new Set<string>(Object.values(Propagation));

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

function refuse(message: string, option: string): never {
  throw new TransactionStateError(message, { details: { option } });
}

/**
 * Checks the option values a transaction was given, for its dialect: a known propagation, an
 * isolation level the dialect implements (PostgreSQL has no READ UNCOMMITTED: it would silently
 * run READ COMMITTED), a positive integer timeout and a sane retry policy.
 * @throws TransactionStateError naming the option
 */
export function assertTransactionOptions(dialect: TransactionDialect, options: TransactionOptions): void {
  const { propagation, isolationLevel, timeoutMs, retry, readOnly } = options;
  if (propagation !== undefined && !PROPAGATIONS.has(propagation)) {
    refuse(
      `propagation must be one of ${[...PROPAGATIONS].join(', ')} (got ${String(propagation)})`,
      'propagation',
    );
  }
  if (isolationLevel !== undefined && !ISOLATION_LEVELS.has(isolationLevel)) {
    refuse(
      `isolationLevel must be one of ${[...ISOLATION_LEVELS].join(', ')} (got ${String(isolationLevel)})`,
      'isolationLevel',
    );
  }
  if (dialect === 'postgres' && isolationLevel === IsolationLevel.READ_UNCOMMITTED) {
    refuse(
      'isolationLevel READ UNCOMMITTED is not implemented by PostgreSQL (it runs as READ COMMITTED): ask for READ COMMITTED',
      'isolationLevel',
    );
  }
  if (readOnly !== undefined && typeof readOnly !== 'boolean')
    refuse('readOnly must be a boolean', 'readOnly');
  if (timeoutMs !== undefined && !isPositiveInteger(timeoutMs)) {
    refuse(
      `timeoutMs must be a positive integer number of milliseconds (got ${String(timeoutMs)})`,
      'timeoutMs',
    );
  }
  if (retry !== undefined && retry !== false) {
    for (const key of ['maxAttempts', 'initialDelayMs', 'maxDelayMs'] as const) {
      const value = retry[key];
      if (value !== undefined && !(isPositiveInteger(value) || (key !== 'maxAttempts' && value === 0))) {
        refuse(
          `retry.${key} must be a ${key === 'maxAttempts' ? 'positive' : 'non-negative'} integer (got ${String(value)})`,
          `retry.${key}`,
        );
      }
    }
  }
}

/** The statements that open a transaction with these characteristics, in order. */
export function beginStatements(
  dialect: TransactionDialect,
  settings: { isolationLevel?: IsolationLevel | undefined; readOnly?: boolean | undefined },
): string[] {
  const { isolationLevel, readOnly } = settings;
  if (dialect === 'postgres') {
    const modes = [isolationLevel && `ISOLATION LEVEL ${isolationLevel}`, readOnly && 'READ ONLY'].filter(
      Boolean,
    );
    return [modes.length > 0 ? `START TRANSACTION ${modes.join(', ')}` : 'START TRANSACTION'];
  }
  // MySQL/MariaDB: SET TRANSACTION (no SESSION) applies to the next transaction only.
  return [
    ...(isolationLevel ? [`SET TRANSACTION ISOLATION LEVEL ${isolationLevel}`] : []),
    readOnly ? 'START TRANSACTION READ ONLY' : 'START TRANSACTION',
  ];
}
