import type { MigrationExtension } from './file-name.js';

const BODY_UP = `  // await queryInterface.createTable('things', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true } }, { transaction });`;
const BODY_DOWN = `  // await queryInterface.dropTable('things', { transaction });`;

/** The source of a new code migration for `extension`; `slug` becomes its description. */
export function migrationTemplate(extension: MigrationExtension, slug: string): string {
  const title = slug.replace(/_/g, ' ');
  if (extension === 'ts' || extension === 'mts' || extension === 'cts') {
    return `import type { MigrationParams } from '@dalkit/migrations';

/** ${title} */
export async function up({ context: { queryInterface, transaction } }: MigrationParams): Promise<void> {
${BODY_UP}
}

export async function down({ context: { queryInterface, transaction } }: MigrationParams): Promise<void> {
${BODY_DOWN}
}
`;
  }
  const param = `/** @param {import('@dalkit/migrations').MigrationParams} params */`;
  if (extension === 'cjs') {
    return `/** ${title} */
${param}
exports.up = async ({ context: { queryInterface, transaction } }) => {
${BODY_UP}
};

${param}
exports.down = async ({ context: { queryInterface, transaction } }) => {
${BODY_DOWN}
};
`;
  }
  return `/** ${title} */
${param}
export async function up({ context: { queryInterface, transaction } }) {
${BODY_UP}
}

${param}
export async function down({ context: { queryInterface, transaction } }) {
${BODY_DOWN}
}
`;
}

/** `up.sql` of a new SQL migration. */
export const SQL_UP_TEMPLATE = `-- Statements end with a semicolon at the end of a line. The file runs in one transaction;
-- put "-- dalkit:no-transaction" on a line of its own to opt out (CREATE INDEX CONCURRENTLY).
`;

/** `down.sql` of a new SQL migration. */
export const SQL_DOWN_TEMPLATE = `-- Undo everything up.sql did, in reverse order.
`;
