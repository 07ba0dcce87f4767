import type { DatabaseChoice } from './choose-database.js';

/** The language the generated files are written in. */
export type ProjectLanguage = 'typescript' | 'javascript';

/** The URL split into what goes in the file and the password that must not. */
export function withoutPassword(url: string): { url: string; hadPassword: boolean } {
  const parsed = new URL(url);
  if (!parsed.password) return { url, hadPassword: false };
  parsed.password = '';
  return { url: parsed.toString(), hadPassword: true };
}

/** `dalkit.config.ts` (or `.js`/`.mjs`): typed by a type-only import, so it loads with nothing installed. */
export function configFile(choice: DatabaseChoice, language: ProjectLanguage): string {
  const { url } = withoutPassword(choice.url);
  const body = [
    '  // DATABASE_URL and the DB_* variables (DB_PASSWORD, DB_POOL_MAX, …) override these values.',
    `  url: ${JSON.stringify(url)},`,
    `  pool: ${choice.dialect === 'embedded' ? '{ min: 0, max: 1 }' : '{ min: 2, max: 10 }'},`,
    '  // Per-environment overrides, chosen by --env / DALKIT_ENV / NODE_ENV:',
    "  // production: { ssl: { mode: 'verify-full' } },",
  ].join('\n');
  if (language === 'typescript') {
    return [
      "import type { DatabaseConfigFile } from '@dalkit/connection';",
      '',
      '/** The dalkit database configuration, read by the `dalkit` command and by createDatabase(). */',
      `export default {\n${body}\n} satisfies DatabaseConfigFile;`,
      '',
    ].join('\n');
  }
  return [
    '/** The dalkit database configuration, read by the `dalkit` command and by createDatabase(). */',
    "/** @type {import('@dalkit/connection').DatabaseConfigFile} */",
    `export default {\n${body}\n};`,
    '',
  ].join('\n');
}

/** A first migration creating an `examples` table, with its `down` (the @dalkit/migrations shape). */
export function exampleMigration(language: ProjectLanguage): string {
  const ts = language === 'typescript';
  const param = ts ? '{ context: { queryInterface } }: MigrationParams' : '{ context: { queryInterface } }';
  const returns = ts ? ': Promise<void>' : '';
  const jsdoc = ts ? [] : ["/** @param {import('@dalkit/migrations').MigrationParams} params */"];
  return [
    "import { DataTypes, Sequelize } from 'sequelize';",
    ...(ts ? ["import type { MigrationParams } from '@dalkit/migrations';"] : []),
    '',
    "/** Creates the `examples` table (in the migration's transaction). Replace it with your first real table. */",
    ...jsdoc,
    `export async function up(${param})${returns} {`,
    "  await queryInterface.createTable('examples', {",
    '    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },',
    '    code: { type: DataTypes.STRING(64), allowNull: false, unique: true },',
    '    label: { type: DataTypes.STRING(200), allowNull: false },',
    "    created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: Sequelize.literal('CURRENT_TIMESTAMP') },",
    "    updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: Sequelize.literal('CURRENT_TIMESTAMP') },",
    '  });',
    '}',
    '',
    '/** Drops it again. */',
    ...jsdoc,
    `export async function down(${param})${returns} {`,
    "  await queryInterface.dropTable('examples');",
    '}',
    '',
  ].join('\n');
}

/** A first seed filling `examples` idempotently (upsert on the natural key `code`). */
export function exampleSeed(): string {
  return [
    "import { defineSeed } from '@dalkit/seeds';",
    '',
    'export default defineSeed({',
    "  name: 'examples',",
    "  environments: ['development', 'test'],",
    '  run: (ctx) =>',
    '    ctx.upsert(',
    "      'examples',",
    '      [',
    "        { code: 'hello', label: 'Hello' },",
    "        { code: 'world', label: 'World' },",
    '      ],',
    "      { conflictOn: ['code'] },",
    '    ),',
    '});',
    '',
  ].join('\n');
}

/** The `db:*` scripts added to package.json. */
export const DB_SCRIPTS: Readonly<Record<string, string>> = Object.freeze({
  'db:check': 'dalkit db check',
  'db:migrate': 'dalkit migrate up',
  'db:migrate:status': 'dalkit migrate status',
  'db:rollback': 'dalkit migrate down',
  'db:seed': 'dalkit seed run',
  'db:backup': 'dalkit db backup',
});
