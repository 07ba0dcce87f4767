import type { BackupManifest } from '../../backup/manifest.js';
import type { Colors } from '../../output/colors.js';

/** The human lines describing a backup manifest (backup, restore and verify print them). */
export function renderManifest(manifest: BackupManifest, c: Colors): string[] {
  const tables = Object.entries(manifest.tables);
  const rows = tables.reduce((sum, [, count]) => sum + count, 0);
  const width = Math.max(0, ...tables.map(([name]) => name.length));
  return [
    `  taken       ${manifest.createdAt} (${manifest.environment}) by dalkit ${manifest.dalkitVersion}`,
    `  source      ${manifest.engine} ${manifest.serverVersion}, database ${manifest.database}`,
    `  migration   ${manifest.migrationHead ?? c.dim('none applied')}`,
    `  data        ${manifest.dump.file}, ${manifest.dump.bytes} bytes, sha256 ${manifest.dump.sha256.slice(0, 16)}… (${manifest.dump.tool})`,
    `  tables      ${tables.length} table(s), ${rows} row(s)`,
    ...tables.map(([name, count]) => `    ${name.padEnd(width)}  ${count}`),
  ];
}
