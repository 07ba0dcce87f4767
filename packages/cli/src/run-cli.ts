import { CommanderError } from 'commander';
import { scanGlobalFlags } from './_internal/scan-global-flags.js';
import { type CliIO, createCliContext } from './context.js';
import { ExitCode } from './exit-code.js';
import { describeError } from './output/describe-error.js';
import { createProgram } from './program.js';
import { CLI_VERSION } from './version.js';

function processIO(): CliIO {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * Runs `dalkit` with the given arguments (without `node` and the script path) and resolves
 * to the exit code: 0 ok, 1 failure, 2 usage. It never exits the process and never throws;
 * every error is printed as one line of cause plus a hint (JSON under `--json`).
 */
export async function runCli(args: readonly string[], io: CliIO = processIO()): Promise<number> {
  const context = createCliContext(io, CLI_VERSION);
  context.applyGlobals(scanGlobalFlags(args));
  try {
    const program = createProgram(context);
    await program.parseAsync([...args], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return ExitCode.OK;
      // `dalkit` or `dalkit db` alone: commander has already printed the help on stderr.
      if (error.code === 'commander.help') return ExitCode.USAGE;
    }
    const report = describeError(error);
    context.output.error(report);
    return report.exitCode;
  }
}
