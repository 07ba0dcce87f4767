#!/usr/bin/env node
/** The `dalkit` command (being built: see issue 9). */
console.log('dalkit: not built yet');
