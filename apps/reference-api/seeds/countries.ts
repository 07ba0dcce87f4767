import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import type { SeedContext } from '../src/_pending/seeds.js';
import { Country } from '../src/countries/model.js';

countries.registerLocale(en);

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
