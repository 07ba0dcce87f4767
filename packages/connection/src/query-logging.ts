import type { Logger } from './logging.js';

const POSTGRES_LITERAL = /[Ee]'(?:[^'\\]|''|\\.)*'|'(?:[^']|'')*'/g;
const MYSQL_LITERAL = /'(?:[^'\\]|''|\\.)*'/g;

/**
 * Replaces every string literal in an SQL text with `'?'`. Sequelize inlines the values of
 * `where` clauses as literals, so this is what keeps them out of logs.
 */
export function redactSqlLiterals(sql: string, dialect: 'postgres' | 'mariadb' | 'mysql'): string {
  return sql.replace(dialect === 'postgres' ? POSTGRES_LITERAL : MYSQL_LITERAL, "'?'");
}

/** What to log about queries. */
export interface QueryLoggingOptions {
  /** Log queries slower than this many ms at `warn`. */
  slowQueryMs?: number;
  /** Log every query at `debug`. */
  logQueries: boolean;
  /** Keep literals in the SQL and add bind parameters (may expose personal data). */
  logParameters: boolean;
}

const PREFIX = /^Execut(?:ed|ing) \([^)]*\): /;

/**
 * Builds Sequelize's `logging`/`benchmark` options from dalkit's: `false` (no per-query cost)
 * unless slow-query or query logging is on. Each line carries `durationMs` and `sql`.
 */
export function createQueryLogging(
  options: QueryLoggingOptions,
  logger: Logger,
  dialect: 'postgres' | 'mariadb' | 'mysql',
): {
  logging: false | ((message: string, durationMs?: number, queryOptions?: { bind?: unknown }) => void);
  benchmark: boolean;
} {
  if (options.slowQueryMs === undefined && !options.logQueries) return { logging: false, benchmark: false };
  const slowQueryMs = options.slowQueryMs;
  return {
    benchmark: true,
    logging(message, durationMs = 0, queryOptions) {
      const slow = slowQueryMs !== undefined && durationMs >= slowQueryMs;
      if (!slow && !options.logQueries) return;
      const text = message.replace(PREFIX, '');
      const line: Record<string, unknown> = {
        durationMs,
        sql: options.logParameters ? text : redactSqlLiterals(text, dialect),
      };
      if (options.logParameters && queryOptions?.bind !== undefined) line.bind = queryOptions.bind;
      if (slow) logger.warn(line, `slow query (${durationMs} ms >= ${slowQueryMs} ms)`);
      else logger.debug(line, 'query');
    },
  };
}
