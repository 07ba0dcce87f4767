import { mkdir, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inject } from 'vitest';

/**
 * Links what a user would `npm install` into a temporary project's node_modules: the dalkit
 * packages (their built dist) and sequelize, which the generated migration imports.
 */
export async function linkRuntimePackages(projectDir: string): Promise<void> {
  const build = inject('dalkitBuild');
  const modules = join(projectDir, 'node_modules');
  await mkdir(join(modules, '@dalkit'), { recursive: true });
  for (const name of ['connection', 'migrations', 'seeds']) {
    await symlink(join(build, name), join(modules, '@dalkit', name), 'dir');
  }
  const fromConnection = createRequire(join(build, 'connection', 'package.json'));
  await symlink(dirname(fromConnection.resolve('sequelize/package.json')), join(modules, 'sequelize'), 'dir');
}
