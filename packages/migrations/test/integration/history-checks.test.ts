import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeEachTarget } from '@dalkit/testing/vitest';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ChecksumMismatchError, createMigrator, type MigrationLogger } from '../../src/index.js';
import { connect, dropAllTables, migrationsDir, removeDir } from '../helpers/database.js';
import { createTableTs } from '../helpers/migration-sources.js';

const A = '20260101000000_create_a';
const B = '20260101000100_create_b';
const OLD = '20260101000050_create_late';

function recordingLogger(): MigrationLogger & { warnings: string[] } {
  const warnings: string[] = [];
  const noop = () => undefined;
  return { warnings, debug: noop, info: noop, error: noop, warn: (_fields, msg) => warnings.push(msg ?? '') };
}

describeEachTarget('history checks', (suite) => {
  let sequelize: Sequelize;
  let dir: string;
  beforeAll(() => {
    sequelize = connect(suite.database);
  });
  afterAll(() => sequelize.close());
  beforeEach(async () => {
    await dropAllTables(sequelize);
    dir = await migrationsDir({
      [`${A}.ts`]: createTableTs('table_a'),
      [`${B}.ts`]: createTableTs('table_b'),
    });
    await createMigrator({ sequelize, migrations: dir }).up();
    return () => removeDir(dir);
  });

  it('should refuse up and validate when an applied file changed, and accept it after repair', async () => {
    const file = join(dir, `${A}.ts`);
    await writeFile(file, `${createTableTs('table_a')}// edited after it ran\n`);
    await writeFile(join(dir, '20260101000200_create_c.ts'), createTableTs('table_c'));
    const migrator = createMigrator({ sequelize, migrations: dir });

    const error = await migrator.up().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    const mismatch = error as ChecksumMismatchError;
    expect(mismatch.code).toBe('CHECKSUM_MISMATCH');
    expect(mismatch.file).toBe(file);
    expect(mismatch.storedChecksum).toMatch(/^[0-9a-f]{64}$/);
    expect(mismatch.currentChecksum).not.toBe(mismatch.storedChecksum);
    expect(mismatch.message).toContain(file);
    expect(mismatch.message).toContain(mismatch.storedChecksum);
    expect(mismatch.message).toContain(mismatch.currentChecksum);
    expect(await migrator.pending()).toEqual(['20260101000200_create_c']);
    await expect(migrator.validate()).rejects.toBeInstanceOf(ChecksumMismatchError);
    expect((await migrator.status()).changed).toEqual([A]);

    const repaired = await migrator.repair();
    expect(repaired.checksumsUpdated).toEqual([
      { name: A, from: mismatch.storedChecksum, to: mismatch.currentChecksum },
    ]);
    expect((await migrator.validate()).changed).toEqual([]);
    expect((await migrator.up()).migrations.map((m) => m.name)).toEqual(['20260101000200_create_c']);
  });

  it('should report an applied migration whose file is missing', async () => {
    await rm(join(dir, `${B}.ts`));
    const logger = recordingLogger();
    const migrator = createMigrator({ sequelize, migrations: dir, logger });
    const status = await migrator.status();
    expect(status.missing).toEqual([B]);
    expect(status.entries.find((e) => e.name === B)?.state).toBe('missing');
    await expect(migrator.validate()).rejects.toMatchObject({
      code: 'OPERATION_REFUSED',
      reason: 'missing',
      migrations: [B],
    });
    await expect(migrator.down()).rejects.toMatchObject({ reason: 'irreversible' });
    await migrator.up();
    expect(logger.warnings).toContain('Applied migrations have no file');
    expect((await migrator.repair({ removeMissing: true })).missingRemoved).toEqual([B]);
    expect((await migrator.status()).missing).toEqual([]);
  });

  it('should refuse a pending migration older than the newest applied one unless allowed', async () => {
    await writeFile(join(dir, `${OLD}.ts`), createTableTs('table_late'));
    const strict = createMigrator({ sequelize, migrations: dir });
    expect((await strict.status()).entries.find((e) => e.name === OLD)?.outOfOrder).toBe(true);
    await expect(strict.up()).rejects.toMatchObject({
      code: 'OPERATION_REFUSED',
      reason: 'out_of_order',
      migrations: [OLD],
    });
    await expect(strict.validate()).rejects.toMatchObject({ reason: 'out_of_order' });
    expect(await strict.pending()).toEqual([OLD]);

    const logger = recordingLogger();
    const lenient = createMigrator({ sequelize, migrations: dir, outOfOrder: 'warn', logger });
    expect((await lenient.up()).migrations.map((m) => m.name)).toEqual([OLD]);
    expect(logger.warnings.join()).toContain('out of order');
    // Rolling back follows applied order, not file order: the late one goes first.
    expect((await lenient.down()).migrations.map((m) => m.name)).toEqual([OLD]);
    const silent = createMigrator({ sequelize, migrations: dir, outOfOrder: 'allow' });
    expect((await silent.up()).migrations.map((m) => m.name)).toEqual([OLD]);
  });

  it('should refuse unknown targets and bad names with typed errors', async () => {
    const migrator = createMigrator({ sequelize, migrations: dir });
    await expect(migrator.up({ to: '20990101000000_nope' })).rejects.toMatchObject({
      reason: 'unknown_target',
    });
    await expect(migrator.down({ to: '20990101000000_nope' })).rejects.toMatchObject({
      reason: 'unknown_target',
    });
    await expect(migrator.down({ step: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await writeFile(join(dir, '2026_bad name.ts'), createTableTs('x'));
    await expect(migrator.status()).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
