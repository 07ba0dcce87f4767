import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDalkit } from '../helpers/run-dalkit.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';

describe('dalkit usage', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await createTempProject();
  });
  afterAll(() => project.remove());

  it('should print the version with --version and exit 0', async () => {
    const run = await runDalkit(['--version'], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [[], 'Examples:'],
    [['init'], 'dalkit init --dialect'],
    [['db'], 'dalkit db check'],
    [['db', 'check'], '--allow-pending'],
    [['db', 'backup'], '--out'],
    [['db', 'restore'], '--force-production'],
    [['db', 'verify'], 'dalkit db verify'],
  ])('should show examples and the global flags in the help of "%s"', async (command, expected) => {
    const run = await runDalkit([...command, '--help'], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain(expected);
    expect(run.stdout).toContain('--json');
  });

  it('should suggest the closest command for an unknown one and exit 2', async () => {
    const run = await runDalkit(['db', 'chek'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'chek'");
    expect(run.stderr).toContain('Did you mean check?');
    expect(run.stdout).toBe('');
  });

  it('should suggest the closest flag for an unknown one and exit 2', async () => {
    const run = await runDalkit(['db', 'check', '--alow-pending'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--alow-pending'");
    expect(run.stderr).toContain('Did you mean --allow-pending?');
  });

  it('should suggest a global flag too', async () => {
    const run = await runDalkit(['db', 'check', '--jsn'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Did you mean --json?');
  });

  it('should report a usage error as one JSON object under --json', async () => {
    const run = await runDalkit(['--json', 'migrat'], { cwd: project.dir });
    expect(run.code).toBe(2);
    const out = run.json();
    expect(out.ok).toBe(false);
    expect(out.error).toMatchObject({ code: 'USAGE' });
  });

  it('should show the help and exit 2 when no command is given', async () => {
    const run = await runDalkit([], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: dalkit');
  });

  it('should reject a bad flag value with exit 2, naming the flag', async () => {
    const run = await runDalkit(['db', 'check', '--timeout', 'soon'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--timeout must be a positive integer');
  });

  it('should fail with a config error and a hint when no database is configured', async () => {
    const run = await runDalkit(['db', 'check'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[CONFIG_INVALID]');
    expect(run.stderr).toContain('hint:');
    expect(run.stderr).not.toContain('    at ');
  });

  it('should print the stack only under --verbose', async () => {
    const run = await runDalkit(['db', 'check', '--verbose'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('    at ');
  });
});
