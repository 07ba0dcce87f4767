import { DEFAULT_GLOBAL_OPTIONS, type GlobalOptions } from '../global-options.js';

/**
 * The output-related global flags read straight from argv, before commander parses it, so a
 * usage error is still printed as JSON under `--json`.
 */
export function scanGlobalFlags(args: readonly string[]): GlobalOptions {
  const until = args.indexOf('--');
  const flags = new Set(until === -1 ? args : args.slice(0, until));
  return {
    ...DEFAULT_GLOBAL_OPTIONS,
    json: flags.has('--json'),
    quiet: flags.has('--quiet') || flags.has('-q'),
    verbose: flags.has('--verbose'),
    color: !flags.has('--no-color'),
  };
}
