/** The options every `dalkit` command accepts, parsed from the command line. */
export interface GlobalOptions {
  /** An explicit config file; otherwise `dalkit.config.*` is looked up in the working directory. */
  config?: string;
  /** The environment to act as (`development`, `test`, `production`, …). @default NODE_ENV or 'development' */
  env?: string;
  /** Print exactly one JSON object on stdout and nothing else there. @default false */
  json: boolean;
  /** Print nothing but errors. @default false */
  quiet: boolean;
  /** Print details, and stacks with errors. @default false */
  verbose: boolean;
  /** Colours in human output; `--no-color` turns them off. @default true on a TTY */
  color: boolean;
}

/** The options before any parsing: what a command sees when run without flags. */
export const DEFAULT_GLOBAL_OPTIONS: Readonly<GlobalOptions> = Object.freeze({
  json: false,
  quiet: false,
  verbose: false,
  color: true,
});
