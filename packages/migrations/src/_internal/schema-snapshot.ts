import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { type SqlFamily, sqlFamilyOf } from './dialect.js';

const SNAPSHOT_SQL: Record<SqlFamily, string> = {
  postgres: `
    SELECT 'relation ' || c.relname || ' ' || c.relkind::text AS line FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()
    UNION ALL SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
      FROM information_schema.columns WHERE table_schema = current_schema()
    UNION ALL SELECT 'index ' || tablename || '.' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
    UNION ALL SELECT 'constraint ' || cl.relname || '.' || co.conname || ' ' || pg_get_constraintdef(co.oid) FROM pg_constraint co
      JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = co.connamespace WHERE n.nspname = current_schema()
    UNION ALL SELECT 'type ' || t.typname || ' ' || t.typtype::text FROM pg_type t
      JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema() AND t.typtype IN ('e', 'd', 'r')`,
  mysql: `
    SELECT CONCAT('relation ', TABLE_NAME, ' ', TABLE_TYPE) AS line FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()
    UNION ALL SELECT CONCAT('column ', TABLE_NAME, '.', COLUMN_NAME, ' ', COLUMN_TYPE, ' ', IS_NULLABLE, ' ', COALESCE(COLUMN_DEFAULT, ''))
      FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
    UNION ALL SELECT CONCAT('index ', TABLE_NAME, '.', INDEX_NAME, ' ', COLUMN_NAME, ' ', SEQ_IN_INDEX, ' ', NON_UNIQUE)
      FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()`,
};

/**
 * A sorted, line-per-object description of the current schema (tables, columns, indexes,
 * constraints, types): two snapshots are equal exactly when the schema did not change.
 */
export async function snapshotSchema(sequelize: Sequelize, transaction?: Transaction): Promise<string[]> {
  const rows = await sequelize.query<{ line: string }>(SNAPSHOT_SQL[sqlFamilyOf(sequelize)], {
    type: QueryTypes.SELECT,
    ...(transaction ? { transaction } : {}),
  });
  return rows.map((r) => r.line).sort();
}

/** The tables whose lines differ between two snapshots. */
export function changedTables(before: readonly string[], after: readonly string[]): string[] {
  const a = new Set(before);
  const b = new Set(after);
  const diff = [...before.filter((l) => !b.has(l)), ...after.filter((l) => !a.has(l))];
  const tables = diff.map((line) => (line.split(' ')[1] ?? '').split('.')[0] ?? '');
  return [...new Set(tables)].filter(Boolean).sort();
}
