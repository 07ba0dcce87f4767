import type { DatabaseConfigFile } from './schema.js';

/**
 * Returns its argument, typed: write `export default defineConfig({ … })` in `dalkit.config.ts`
 * to get completion and checks for every option, including the environment blocks.
 */
export function defineConfig<const T extends DatabaseConfigFile>(config: T): T {
  return config;
}
