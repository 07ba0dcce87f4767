import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDalkitInProcess } from '../../examples/run-cli-in-process.js';

describe('examples/run-cli-in-process', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dalkit-example-'));
    await writeFile(join(dir, 'package.json'), '{"name":"example","type":"module"}\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('should run init in-process and return its exit code and JSON', async () => {
    const run = await runDalkitInProcess(['init', '--dialect', 'embedded', '--yes', '--json'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, command: 'init', language: 'javascript' });
    expect(await readFile(join(dir, 'dalkit.config.js'), 'utf8')).toContain('pglite://./.dalkit');
  });

  it('should return 2 for a usage error without exiting the process', async () => {
    const run = await runDalkitInProcess(['nope'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'nope'");
  });
});
