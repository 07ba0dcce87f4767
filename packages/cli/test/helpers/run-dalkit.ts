import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { inject } from 'vitest';

/** The built binary under test (a copy made by the global setup). */
export function dalkitBin(): string {
  return join(inject('dalkitBuild'), 'cli', 'dist', 'bin.js');
}

/** What one run of the binary printed and returned. */
export interface DalkitRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as the one JSON object `--json` promises (throws when it is not exactly one). */
  json(): Record<string, unknown>;
}

/** Options of {@link runDalkit}. */
export interface RunDalkitOptions {
  cwd: string;
  /** Variables on top of a minimal environment (PATH, HOME): nothing leaks in from the test runner. */
  env?: Record<string, string | undefined>;
  /** Text piped to stdin (then closed). */
  input?: string;
  /** Replaces PATH (to hide the client tools). */
  path?: string;
}

/**
 * Runs `node dist/bin.js …args` as a child process, like a user would, and collects its
 * output. Asynchronous on purpose: an embedded test database served by this process must keep
 * answering while the child talks to it.
 */
export function runDalkit(args: readonly string[], options: RunDalkitOptions): Promise<DalkitRun> {
  const env = {
    PATH: options.path ?? process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    ...options.env,
  };
  const child = spawn(process.execPath, [dalkitBin(), ...args], { cwd: options.cwd, env, stdio: 'pipe' });
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
    child.once('close', (code) =>
      resolve({
        code,
        stdout,
        stderr,
        json() {
          const lines = stdout.split('\n').filter((line) => line.trim() !== '');
          if (lines.length !== 1)
            throw new Error(`expected one JSON line on stdout, got ${lines.length}:\n${stdout}\n${stderr}`);
          return JSON.parse(lines[0] as string) as Record<string, unknown>;
        },
      }),
    );
  });
}
