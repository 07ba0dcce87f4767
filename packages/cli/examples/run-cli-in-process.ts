import { PassThrough } from 'node:stream';
import { runCli } from '@dalkit/cli';

/**
 * Runs `dalkit` inside this process (a wrapper script, a test) and collects what it printed.
 * `runCli` never exits the process: it resolves to the exit code.
 */
export async function runDalkitInProcess(
  args: string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env, cwd });
  return { code, stdout: out, stderr: err };
}
