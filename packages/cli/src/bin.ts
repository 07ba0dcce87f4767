#!/usr/bin/env node
import { runCli } from './run-cli.js';

// The only place dalkit exits the process: pooled sockets or timers left by a driver must not
// keep a readiness probe or a CI step waiting.
runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  () => process.exit(1),
);
