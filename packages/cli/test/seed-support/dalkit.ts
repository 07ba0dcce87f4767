/**
 * The `dalkit` binary from source, with `seed` registered even before the program frame
 * registers it itself: the same steps as `runCli`, run as a child process by the seed tests.
 */
import { CommanderError } from 'commander';
import { scanGlobalFlags } from '../../src/_internal/scan-global-flags.js';
import { registerSeedCommand } from '../../src/commands/seed.js';
import { createCliContext } from '../../src/context.js';
import { describeError } from '../../src/output/describe-error.js';
import { createProgram } from '../../src/program.js';
import { CLI_VERSION } from '../../src/version.js';

async function main(args: readonly string[]): Promise<number> {
  const io = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
  const context = createCliContext(io, CLI_VERSION);
  context.applyGlobals(scanGlobalFlags(args));
  try {
    const program = createProgram(context);
    if (!program.commands.some((c) => c.name() === 'seed')) registerSeedCommand(program, context);
    await program.parseAsync([...args], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) return 0;
    if (error instanceof CommanderError && error.code === 'commander.help') return 2;
    const report = describeError(error);
    context.output.error(report);
    return report.exitCode;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  () => process.exit(1),
);
