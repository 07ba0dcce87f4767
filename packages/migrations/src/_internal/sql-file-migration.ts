import type { MigrationFn, MigrationModule } from '../types.js';

/**
 * Splits SQL into statements at semicolons that end a line. Good for DDL scripts; a function
 * body whose lines end in `;` must be given as a `.ts` migration instead.
 */
export function splitSqlStatements(sql: string): string[] {
  return sql
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--[^\n]*/g, '').trim().length > 0);
}

function runScript(sql: string): MigrationFn {
  return async ({ context }) => {
    for (const statement of splitSqlStatements(sql)) await context.sequelize.query(statement);
  };
}

/** A migration module over the text of `up.sql` and, when present, `down.sql`. */
export function sqlMigrationModule(upSql: string, downSql: string | undefined): MigrationModule {
  return {
    up: runScript(upSql),
    ...(downSql === undefined ? {} : { down: runScript(downSql) }),
    transaction: !/^--\s*dalkit:no-transaction\b/m.test(upSql),
  };
}
