import * as createCountriesUsersProfiles from '../../migrations/20261124090000_create_countries_users_profiles.js';
import * as createCategories from '../../migrations/20261124090100_create_categories.js';
import * as createProducts from '../../migrations/20261124090200_create_products.js';
import * as createOrders from '../../migrations/20261124090300_create_orders.js';
import type { MigrationDefinition } from '../_pending/migrations.js';

/**
 * The app's migrations as an in-memory list, so the bundled `dist/main.js` carries them. The
 * files in `migrations/` stay the source of truth (the `dalkit migrate` CLI reads them too).
 */
export const MIGRATIONS: readonly MigrationDefinition[] = [
  { name: '20261124090000_create_countries_users_profiles', ...createCountriesUsersProfiles },
  { name: '20261124090100_create_categories', ...createCategories },
  { name: '20261124090200_create_products', ...createProducts },
  { name: '20261124090300_create_orders', ...createOrders },
];
