import { DataTypes, type Sequelize } from 'sequelize';

/** Drops and recreates the tables the fixture seeds write, and the seed history. */
export async function resetSchema(sequelize: Sequelize): Promise<void> {
  const qi = sequelize.getQueryInterface();
  for (const table of ['posts', 'users', 'countries', 'flags', 'dalkit_seeds', 'dalkit_migrations']) {
    await qi.dropTable(table);
  }
  await qi.createTable('countries', {
    code: { type: DataTypes.STRING(2), primaryKey: true },
    name: { type: DataTypes.STRING(100), allowNull: false },
  });
  await qi.createTable('users', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    email: { type: DataTypes.STRING(200), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(100), allowNull: false },
    country_code: { type: DataTypes.STRING(2), references: { model: 'countries', key: 'code' } },
  });
  await qi.createTable('posts', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    author_email: {
      type: DataTypes.STRING(200),
      allowNull: false,
      references: { model: 'users', key: 'email' },
    },
    title: { type: DataTypes.STRING(200), allowNull: false },
  });
  await qi.createTable('flags', { name: { type: DataTypes.STRING(50), primaryKey: true } });
  await qi.createTable('dalkit_migrations', { name: { type: DataTypes.STRING(200), primaryKey: true } });
  await sequelize.query(`INSERT INTO dalkit_migrations (name) VALUES ('0001_init')`);
}

/** Row counts of the fixture tables. */
export async function counts(sequelize: Sequelize): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ['countries', 'users', 'posts', 'flags', 'dalkit_migrations']) {
    const [rows] = await sequelize.query(`SELECT COUNT(*) AS n FROM ${table}`);
    result[table] = Number((rows as Array<{ n: unknown }>)[0]?.n);
  }
  return result;
}

/** The seed history, for comparisons. */
export async function history(sequelize: Sequelize): Promise<Array<Record<string, unknown>>> {
  const [rows] = await sequelize.query(
    "SELECT name, checksum, environment, ran_at, rows_affected FROM dalkit_seeds WHERE name <> '.lock' ORDER BY name",
  );
  return (rows as Array<Record<string, unknown>>).map((r) => ({
    ...r,
    rows_affected: Number(r.rows_affected),
    ran_at: new Date(r.ran_at as string).toISOString(),
  }));
}

/** Where the fixture seed files are. */
export const FIXTURE_SEEDS = new URL('../fixtures/seeds', import.meta.url).pathname;
