import { spawn } from 'node:child_process';

/** What a child Node process printed and how it exited. */
export interface NodeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runNode}. */
export interface RunNodeOptions {
  cwd?: string | undefined;
  /** Variables on top of a minimal environment (PATH, HOME, NO_COLOR): nothing leaks in from the test runner. */
  env?: Record<string, string | undefined> | undefined;
  /** Text piped to stdin (then closed); stdin is closed at once when absent. */
  input?: string | undefined;
  /** Replaces PATH (to hide command-line tools from the child). */
  path?: string | undefined;
}

/**
 * Runs `node …args` as a child process, the way a user would run a script or a CLI, and collects
 * its output. Asynchronous on purpose: an embedded test database served by this process keeps
 * answering while the child talks to it.
 * @example
 * const run = await runNode(['dist/bin.js', 'seed', 'status'], { cwd, env: { DATABASE_URL: url } });
 * expect(run.code).toBe(0);
 */
export function runNode(args: readonly string[], options: RunNodeOptions = {}): Promise<NodeRun> {
  const env = {
    PATH: options.path ?? process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    ...options.env,
  };
  const child = spawn(process.execPath, [...args], { cwd: options.cwd, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
