#!/usr/bin/env node
// Proves each published package works when installed alone, outside the monorepo: packs it
// (and the @dalkit packages it depends on) with `pnpm pack`, installs the tarballs with npm in
// an empty project, then loads it through both `require` and `import`.
// Usage: node scripts/check-standalone.mjs [package-dir ...]   (run after `pnpm build`)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const packages = new Map(
  readdirSync(join(root, 'packages')).map((dir) => {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    return [manifest.name, { dir: join(root, 'packages', dir), manifest }];
  }),
);

function dalkitClosure(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const dep of Object.keys(packages.get(name).manifest.dependencies ?? {})) {
    if (packages.has(dep)) dalkitClosure(dep, seen);
  }
  return seen;
}

const work = mkdtempSync(join(tmpdir(), 'dalkit-standalone-'));
const tarballs = new Map();
for (const [name, { dir }] of packages) {
  const out = run('pnpm', ['pack', '--pack-destination', work], dir).trim().split('\n').pop();
  tarballs.set(name, out.startsWith('/') ? out : join(work, out));
}

const wanted = process.argv
  .slice(2)
  .map((d) => JSON.parse(readFileSync(join(resolve(d), 'package.json'), 'utf8')).name);
let failures = 0;
for (const name of wanted.length ? wanted : [...packages.keys()]) {
  const project = join(work, name.replace('/', '__'));
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'standalone-check', private: true }));
  const specs = [...dalkitClosure(name)].map((n) => tarballs.get(n));
  try {
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs], project);
    const subpaths = Object.keys(packages.get(name).manifest.exports).filter((k) => k !== './package.json');
    for (const subpath of subpaths) {
      const id = subpath === '.' ? name : `${name}/${subpath.slice(2)}`;
      if (id.endsWith('/vitest')) continue; // needs a running vitest; covered by the package's own tests
      run(
        'node',
        ['-e', `const m = require(${JSON.stringify(id)}); if (!Object.keys(m).length) process.exit(1)`],
        project,
      );
      run(
        'node',
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(id)}); if (!Object.keys(m).length) process.exit(1)`,
        ],
        project,
      );
    }
    console.log(
      `ok   ${name} (installed alone with ${specs.length - 1} dalkit dependencies; require + import)`,
    );
  } catch (error) {
    failures++;
    console.error(`FAIL ${name}: ${error.message}`);
  }
}
rmSync(work, { recursive: true, force: true });
process.exit(failures ? 1 : 0);
