import type { SeedDefinition } from './types.js';

/**
 * Returns its argument, typed: write `export default defineSeed({ … })` in a seed file.
 * @example
 * export default defineSeed({
 *   name: 'countries',
 *   environments: ['*'],
 *   run: (ctx) => ctx.upsert('countries', rows, { conflictOn: ['code'] }),
 * });
 */
export function defineSeed<const T extends SeedDefinition>(seed: T): T {
  return seed;
}
