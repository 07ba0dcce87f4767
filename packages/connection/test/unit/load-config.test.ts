import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConfigFile } from '../../src/config/from-file.js';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors/errors.js';
import { importModule } from '../../src/import-module.js';

let root: string;

async function write(path: string, content: string): Promise<string> {
  const full = join(root, path);
  await mkdir(join(full, '..'), { recursive: true });
  await writeFile(full, content);
  return full;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dalkit-config-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('importModule', () => {
  it.each([
    [
      'm.ts',
      'interface Box { n: number }\nconst box: Box = { n: 1 };\nexport default box.n satisfies number;',
    ],
    ['m.mts', 'const n: number = 1;\nexport default n;'],
    ['m.cts', 'const n: number = 1;\nmodule.exports = n;'],
    ['m.js', 'export default 1;'],
    ['m.mjs', 'export default 1;'],
    ['m.cjs', 'module.exports = 1;'],
    ['m.json', '1'],
  ])('should load %s without a build step', async (name, content) => {
    const path = await write(`import/${name}`, content);
    const namespace = await importModule(path);
    expect(namespace.default).toBe(1);
  });

  it('should compile TypeScript with the nearest tsconfig.json above the file (legacy decorators)', async () => {
    const source = `const seen: unknown[] = [];
function record(...args: unknown[]) { seen.push(typeof args[1]); }
class Model { @record declare name: string; }
export default { seen, model: Model };`;
    await write(
      'legacy/tsconfig.json',
      JSON.stringify({ compilerOptions: { experimentalDecorators: true } }),
    );
    const legacy = await importModule(await write('legacy/src/model.ts', source));
    expect((legacy.default as { seen: unknown[] }).seen).toEqual(['string']);
    await write(
      'standard/tsconfig.json',
      JSON.stringify({ compilerOptions: { experimentalDecorators: false } }),
    );
    const standard = await importModule(
      await write('standard/src/model.ts', source.replace('declare name', 'name')),
    );
    expect((standard.default as { seen: unknown[] }).seen).toEqual(['object']);
  });

  it('should refuse other extensions', async () => {
    await expect(importModule(join(root, 'x.yaml'))).rejects.toThrow(/expected one of \.ts/);
  });
});

describe('findConfigFile', () => {
  it('should find the nearest dalkit.config.* from the working directory up', async () => {
    const config = await write('find/dalkit.config.json', '{}');
    await mkdir(join(root, 'find/a/b'), { recursive: true });
    expect(await findConfigFile(join(root, 'find/a/b'))).toBe(config);
  });

  it('should prefer .ts over the other names in one folder', async () => {
    await write('prefer/dalkit.config.json', '{}');
    const ts = await write('prefer/dalkit.config.ts', 'export default {};');
    expect(await findConfigFile(join(root, 'prefer'))).toBe(ts);
  });
});

describe('loadConfig', () => {
  it('should load a TypeScript config file and apply the block for NODE_ENV', async () => {
    const path = await write(
      'envs/dalkit.config.ts',
      `const pool: { max: number } = { max: 4 };
export default {
  url: 'postgres://base-host/base_db',
  pool,
  development: { pool: { min: 0 } },
  test: { url: 'pglite://memory' },
  production: { url: 'postgres://prod-host/prod', ssl: { mode: 'verify-full' } },
};`,
    );
    const dev = await loadConfig({}, { env: {}, cwd: join(root, 'envs') });
    expect(dev).toMatchObject({ host: 'base-host', pool: { max: 4, min: 0 } });
    const test = await loadConfig({}, { env: { NODE_ENV: 'test' }, configFile: path });
    expect(test.embedded).toEqual({ dataDir: 'memory' });
    expect(test.host).toBeUndefined();
    const prod = await loadConfig(
      {},
      { env: { NODE_ENV: 'test' }, configFile: path, environment: 'production' },
    );
    expect(prod).toMatchObject({
      host: 'prod-host',
      database: 'prod',
      ssl: { mode: 'verify-full' },
      pool: { max: 4 },
    });
  });

  it.each([
    ['dalkit.config.js', "export default { url: 'mysql://js-host/db' };"],
    ['dalkit.config.mjs', "export default async () => ({ url: 'mysql://js-host/db' });"],
    ['dalkit.config.cjs', "module.exports = { url: 'mysql://js-host/db' };"],
    ['dalkit.config.json', '{ "url": "mysql://js-host/db" }'],
  ])('should load %s', async (name, content) => {
    const path = await write(`kinds-${name}/${name}`, content);
    expect((await loadConfig({}, { env: false, configFile: path })).host).toBe('js-host');
  });

  it('should rank explicit options and the environment over the file', async () => {
    const path = await write(
      'rank/dalkit.config.json',
      '{ "url": "postgres://file/db", "pool": { "max": 3 } }',
    );
    const config = await loadConfig({ pool: { min: 1 } }, { env: { DB_HOST: 'env-host' }, configFile: path });
    expect(config).toMatchObject({ host: 'env-host', database: 'db', pool: { max: 3, min: 1 } });
  });

  it('should name the file as the source of a bad value', async () => {
    const path = await write(
      'bad/dalkit.config.json',
      '{ "url": "postgres://h/db", "pool": { "max": "many" } }',
    );
    const error = await loadConfig({}, { env: false, configFile: path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(
      `pool.max must be an integer >= pool.min (got "many" from ${path})`,
    );
  });

  it('should report a file that does not exist, or does not load, or exports no object', async () => {
    await expect(loadConfig({}, { env: false, configFile: join(root, 'none.ts') })).rejects.toThrow(
      /configFile must be an existing file/,
    );
    const broken = await write('broken/dalkit.config.ts', 'export default {{;');
    await expect(loadConfig({}, { env: false, configFile: broken })).rejects.toThrow(
      /configFile must be a file that loads/,
    );
    const scalar = await write('scalar/dalkit.config.json', '42');
    await expect(loadConfig({}, { env: false, configFile: scalar })).rejects.toThrow(
      /must be a config object/,
    );
  });

  it('should ignore files when told to', async () => {
    await write('ignored/dalkit.config.json', '{ "url": "postgres://file/db" }');
    const config = await loadConfig(
      { url: 'pglite://memory' },
      { env: false, cwd: join(root, 'ignored'), configFile: false },
    );
    expect(config.embedded).toEqual({ dataDir: 'memory' });
  });
});
