import { createRequire } from 'node:module';
import { uuidv7 } from '@dalkit/models';
import { defineSeed } from '@dalkit/seeds';
import countries, { type LocaleData } from 'i18n-iso-countries';
import { Country } from '../src/countries/model.js';

countries.registerLocale(createRequire(import.meta.url)('i18n-iso-countries/langs/en.json') as LocaleData);

/** Every ISO 3166-1 country, from the maintained i18n-iso-countries package; inserted once per code. */
export default defineSeed({
  name: 'countries',
  environments: ['*'],
  tables: ['countries'],
  run: (ctx) => {
    const now = new Date();
    const rows = Object.entries(countries.getNames('en', { select: 'official' })).map(([code, name]) => ({
      id: uuidv7(),
      code,
      name,
      createdAt: now,
      updatedAt: now,
    }));
    return ctx.insertMissing(Country, rows, { conflictOn: ['code'] });
  },
});
