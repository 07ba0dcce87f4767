import type { Command } from 'commander';

/** One example for a command's help: the command line and what it does. */
export type Example = readonly [commandLine: string, description: string];

/** Appends an "Examples:" section to a command's `--help`. Every dalkit command has one. */
export function addExamples(command: Command, examples: readonly Example[]): Command {
  const width = Math.max(...examples.map(([line]) => line.length));
  const rows = examples.map(([line, text]) => `  $ ${line.padEnd(width)}  ${text}`);
  return command.addHelpText('after', `\nExamples:\n${rows.join('\n')}\n`);
}
