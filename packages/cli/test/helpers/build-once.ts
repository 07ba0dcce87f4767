import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const RUNTIME_PACKAGES = ['cli', 'connection', 'migrations', 'seeds'] as const;

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder holding a copy of the built packages: `<folder>/<name>/dist`. */
    dalkitBuild: string;
  }
}

/** Links every dependency of a package copy to the original install, dalkit siblings to their copies. */
async function linkDependencies(original: string, copy: string, build: string): Promise<void> {
  const source = join(original, 'node_modules');
  const target = join(copy, 'node_modules');
  for (const entry of await readdir(source).catch(() => [] as string[])) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@')
      ? (await readdir(join(source, entry))).map((n) => `${entry}/${n}`)
      : [entry];
    for (const name of names) {
      await mkdir(join(target, name, '..'), { recursive: true });
      const sibling = name.startsWith('@dalkit/') ? name.slice('@dalkit/'.length) : undefined;
      const copied = sibling && (RUNTIME_PACKAGES as readonly string[]).includes(sibling);
      await symlink(copied ? join(build, sibling) : await realpath(join(source, name)), join(target, name));
    }
  }
}

/**
 * Vitest global setup: builds @dalkit/cli and the workspace packages it needs at run time
 * through turbo (a cache hit when `pnpm test` already built them), then copies their `dist` into a temporary
 * folder, so the tests run one fixed build even while the work tree is rebuilt meanwhile.
 */
export default async function buildOnce(project: TestProject): Promise<() => Promise<void>> {
  execFileSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=@dalkit/cli...', '--output-logs=errors-only'],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 600_000,
    },
  );
  const build = await mkdtemp(join(tmpdir(), 'dalkit-cli-build-'));
  for (const name of RUNTIME_PACKAGES) {
    const original = join(REPO_ROOT, 'packages', name);
    await cp(join(original, 'dist'), join(build, name, 'dist'), { recursive: true });
    await cp(join(original, 'package.json'), join(build, name, 'package.json'));
    await linkDependencies(original, join(build, name), build);
  }
  project.provide('dalkitBuild', build);
  return () => rm(build, { recursive: true, force: true });
}
