import {
  DataTypes,
  type ModelAttributes,
  type QueryInterface,
  type Sequelize,
  type Transaction,
} from 'sequelize';

/** What each migration receives (Umzug style), as described by @dalkit/migrations. */
export interface MigrationParams {
  context: { queryInterface: QueryInterface; sequelize: Sequelize; transaction?: Transaction };
}

/** The primary key and the four audit columns every entity table has. */
export function entityColumns(): ModelAttributes {
  return {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
    created_by: { type: DataTypes.STRING(64), allowNull: true },
    updated_by: { type: DataTypes.STRING(64), allowNull: true },
  };
}

/** A foreign key column `<column>` → `<table>.id`, with its ON DELETE behaviour. */
export function reference(table: string, onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL', allowNull = false) {
  return {
    type: DataTypes.UUID,
    allowNull,
    references: { model: table, key: 'id' },
    onDelete,
    onUpdate: 'CASCADE',
  };
}

/** Runs plain DDL inside the migration's transaction. */
export async function ddl({ context }: MigrationParams, sql: string): Promise<void> {
  await context.sequelize.query(sql, context.transaction ? { transaction: context.transaction } : {});
}

/** `CREATE INDEX <table>_<cols>_idx ON <table> (<cols>)`; columns are literals in migration code. */
export async function index(params: MigrationParams, table: string, columns: string[], unique = false) {
  const { queryInterface, transaction } = params.context;
  await queryInterface.addIndex(table, columns, {
    name: `${table}_${columns.join('_').replace(/[^a-z_]/g, '')}_${unique ? 'key' : 'idx'}`,
    unique,
    ...(transaction ? { transaction } : {}),
  });
}
