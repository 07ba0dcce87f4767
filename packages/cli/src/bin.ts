#!/usr/bin/env node
import { runCli } from './run-cli.js';

// A reader that stops early (`dalkit db check | head -1`) is not a failure of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

// The only place dalkit exits the process: pooled sockets or timers left by a driver must not
// keep a readiness probe or a CI step waiting.
runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  () => process.exit(1),
);
