/**
 * @dalkit/cli — the `dalkit` command. Use the binary; this entry point exists to run the CLI
 * in-process (tests, custom wrappers) and to add commands with the same conventions.
 */
export type { CliContext, CliIO } from './context.js';
export { ExitCode } from './exit-code.js';
export type { GlobalOptions } from './global-options.js';
export type { Colors } from './output/colors.js';
export type { Output } from './output/output.js';
export type { Progress } from './output/progress.js';
export { createProgram } from './program.js';
export { runCli } from './run-cli.js';
export { CLI_VERSION } from './version.js';
