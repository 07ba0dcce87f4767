import { Command } from 'commander';
import { addExamples } from './_internal/add-examples.js';
import { registerDbCommand } from './commands/db.js';
import { registerInitCommand } from './commands/init.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerSeedCommand } from './commands/seed.js';
import type { MutableCliContext } from './context.js';
import type { GlobalOptions } from './global-options.js';

function globalsOf(command: Command): GlobalOptions {
  const all = command.optsWithGlobals<Partial<GlobalOptions>>();
  return {
    config: all.config,
    env: all.env,
    json: all.json === true,
    quiet: all.quiet === true,
    verbose: all.verbose === true,
    color: all.color !== false,
  };
}

/**
 * Builds the `dalkit` command tree. Each command lives in `src/commands/<name>.ts` and is
 * added by its `register<Name>Command(program, context)`; global flags are parsed into the
 * context before any action runs. Commander never exits the process here: errors are thrown
 * (see `runCli`) and help/usage output goes to the context's streams.
 */
export function createProgram(context: MutableCliContext): Command {
  const { stdout, stderr } = context.io;
  const program = new Command('dalkit')
    .description('Database operations for dalkit projects: init, migrate, seed, check, backup and restore.')
    .version(context.version, '-V, --version', 'print the dalkit version')
    .helpOption('-h, --help', 'show help for a command')
    .option('--config <file>', 'config file to use (default: dalkit.config.* in the working directory)')
    .option('--env <name>', 'environment to act as (default: DALKIT_ENV, NODE_ENV or development)')
    .option('--json', 'print one JSON object on stdout instead of human output')
    .option('-q, --quiet', 'print only errors')
    .option('--verbose', 'print details, and stacks with errors')
    .option('--no-color', 'never colour the output (NO_COLOR is honoured too)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => stdout.write(text),
      writeErr: (text) => stderr.write(text),
      // Usage errors are thrown and printed once by runCli, in the requested format.
      outputError: () => {},
    })
    .hook('preAction', (_program, action) => context.applyGlobals(globalsOf(action)));

  // Every subcommand inherits the error handling and output settings above.
  program.configureHelp({ showGlobalOptions: true, sortSubcommands: false });

  registerInitCommand(program, context);
  registerMigrateCommand(program, context);
  registerSeedCommand(program, context);
  registerDbCommand(program, context);

  addExamples(program, [
    ['dalkit init', 'set up dalkit in this project (asks for dialect and URL)'],
    ['dalkit migrate up', 'apply pending migrations'],
    ['dalkit seed run', 'load the seeds of this environment'],
    ['dalkit db check', 'check the database is reachable and migrated'],
    ['dalkit db backup --out backups/before-release', 'back the database up'],
    ['dalkit db check --json', 'the same check, as one JSON object'],
  ]);
  return program;
}
