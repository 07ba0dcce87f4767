import { createRequire } from 'node:module';
import countries, { type LocaleData } from 'i18n-iso-countries';
import type { SeedContext } from '../src/_pending/seeds.js';
import { Country } from '../src/countries/model.js';

countries.registerLocale(createRequire(import.meta.url)('i18n-iso-countries/langs/en.json') as LocaleData);

/** Every ISO 3166-1 country, from the maintained i18n-iso-countries package. */
export const name = 'countries';
export const environments = ['*'];

/** Upserts on the natural key `code`. */
export async function run({ transaction }: SeedContext): Promise<number> {
  const names = countries.getNames('en', { select: 'official' });
  const rows = Object.entries(names).map(([code, countryName]) => ({ code, name: countryName }));
  await Country.bulkCreate(rows, { transaction, updateOnDuplicate: ['name', 'updatedAt'] });
  return rows.length;
}
