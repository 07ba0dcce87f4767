import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checksumOf, type InlineMigration, type MigrationModule } from '@dalkit/migrations';
import * as createCountriesUsersProfiles from '../../migrations/20261124090000_create_countries_users_profiles.js';
import * as createCategories from '../../migrations/20261124090100_create_categories.js';
import * as createProducts from '../../migrations/20261124090200_create_products.js';
import * as createOrders from '../../migrations/20261124090300_create_orders.js';
import { PACKAGE_ROOT } from '../config.js';

/**
 * An inline migration whose checksum is the hash of its file in `migrations/`, the same one
 * `dalkit migrate --migrations apps/reference-api/migrations` computes, so the bundled app and
 * the CLI agree on what was applied.
 */
function inline(name: string, module: MigrationModule): InlineMigration {
  const file = join(PACKAGE_ROOT, 'migrations', `${name}.ts`);
  const checksum = existsSync(file) ? checksumOf(readFileSync(file, 'utf8')) : undefined;
  return {
    name,
    up: module.up,
    ...(module.down ? { down: module.down } : {}),
    ...(checksum ? { checksum } : {}),
  };
}

/** The app's migrations as an in-memory list, so the bundled `dist/main.js` carries them. */
export const MIGRATIONS: readonly InlineMigration[] = [
  inline('20261124090000_create_countries_users_profiles', createCountriesUsersProfiles),
  inline('20261124090100_create_categories', createCategories),
  inline('20261124090200_create_products', createProducts),
  inline('20261124090300_create_orders', createOrders),
];
