import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/logging.js';
import { createQueryLogging, redactSqlLiterals } from '../../src/query-logging.js';

function recorder() {
  const lines: Array<{ level: string; obj: Record<string, unknown>; msg?: string }> = [];
  const at = (level: string) => (obj: Record<string, unknown> | string, msg?: string) =>
    lines.push(typeof obj === 'string' ? { level, obj: {}, msg: obj } : { level, obj, msg });
  const logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } as Logger;
  return { lines, logger };
}

describe('redactSqlLiterals', () => {
  it('should replace string literals, escaped quotes included', () => {
    expect(
      redactSqlLiterals(
        `SELECT * FROM "users" WHERE "email" = 'a@b.c' AND "name" = 'O''Brien' LIMIT 1`,
        'postgres',
      ),
    ).toBe(`SELECT * FROM "users" WHERE "email" = '?' AND "name" = '?' LIMIT 1`);
    expect(redactSqlLiterals(`WHERE a = E'x\\'y' AND b = 'z'`, 'postgres')).toBe(`WHERE a = '?' AND b = '?'`);
    expect(redactSqlLiterals("WHERE `a` = 'it\\'s' AND b = 'x'", 'mysql')).toBe(
      "WHERE `a` = '?' AND b = '?'",
    );
  });
});

describe('createQueryLogging', () => {
  it('should cost nothing when neither slow-query nor query logging is on', () => {
    const { logger } = recorder();
    expect(createQueryLogging({ logQueries: false, logParameters: false }, logger, 'postgres')).toEqual({
      logging: false,
      benchmark: false,
    });
  });

  it('should log only queries at or above the threshold, with duration and redacted SQL', () => {
    const { lines, logger } = recorder();
    const { logging } = createQueryLogging(
      { slowQueryMs: 50, logQueries: false, logParameters: false },
      logger,
      'postgres',
    );
    if (!logging) throw new Error('expected a logging function');
    logging(`Executed (default): SELECT 1 WHERE x = 'secret'`, 10, {});
    logging(`Executed (default): SELECT 2 WHERE x = 'secret' AND y = $1`, 75, { bind: ['bound-secret'] });
    expect(lines).toEqual([
      {
        level: 'warn',
        obj: { durationMs: 75, sql: `SELECT 2 WHERE x = '?' AND y = $1` },
        msg: 'slow query (75 ms >= 50 ms)',
      },
    ]);
  });

  it('should include literals and bind values only when logParameters is on', () => {
    const { lines, logger } = recorder();
    const { logging } = createQueryLogging({ logQueries: true, logParameters: true }, logger, 'postgres');
    if (!logging) throw new Error('expected a logging function');
    logging(`Executed (default): SELECT $1 WHERE x = 'v'`, 3, { bind: [7] });
    expect(lines).toEqual([
      { level: 'debug', obj: { durationMs: 3, sql: `SELECT $1 WHERE x = 'v'`, bind: [7] }, msg: 'query' },
    ]);
  });
});
