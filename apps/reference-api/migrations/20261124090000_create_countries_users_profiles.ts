import { DataTypes } from 'sequelize';
import { ddl, entityColumns, index, type MigrationParams, reference } from '../src/db/migration-helpers.js';

/** Countries (reference data), users (email encrypted + blind index) and their one-to-one profiles. */
export async function up(params: MigrationParams): Promise<void> {
  const { queryInterface: qi, transaction } = params.context;
  const tx = transaction ? { transaction } : {};
  await qi.createTable(
    'countries',
    {
      ...entityColumns(),
      code: { type: DataTypes.CHAR(2), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
    },
    tx,
  );
  await index(params, 'countries', ['name']);
  await qi.createTable(
    'users',
    {
      ...entityColumns(),
      name: { type: DataTypes.STRING(100), allowNull: false },
      email: { type: DataTypes.TEXT, allowNull: false },
      email_blind_index: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      role: { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'customer' },
      password_hash: { type: DataTypes.STRING(255), allowNull: true },
    },
    tx,
  );
  await ddl(
    params,
    `ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'customer'))`,
  );
  await ddl(params, `ALTER TABLE users ADD CONSTRAINT users_name_check CHECK (char_length(name) > 0)`);
  await index(params, 'users', ['name']);
  await index(params, 'users', ['role']);
  await index(params, 'users', ['created_at', 'id']);
  await qi.createTable(
    'profiles',
    {
      ...entityColumns(),
      user_id: { ...reference('users', 'CASCADE'), unique: true },
      phone: { type: DataTypes.TEXT, allowNull: true },
      bio: { type: DataTypes.STRING(500), allowNull: true },
      country_id: reference('countries', 'SET NULL', true),
    },
    tx,
  );
  await index(params, 'profiles', ['country_id']);
}

/** Drops the three tables. */
export async function down({ context }: MigrationParams): Promise<void> {
  const tx = context.transaction ? { transaction: context.transaction } : {};
  await context.queryInterface.dropTable('profiles', tx);
  await context.queryInterface.dropTable('users', tx);
  await context.queryInterface.dropTable('countries', tx);
}
