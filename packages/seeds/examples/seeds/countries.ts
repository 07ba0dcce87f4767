import { defineSeed } from '@dalkit/seeds';

/** Reference data for every environment, upserted on its natural key. */
export default defineSeed({
  name: 'countries',
  environments: ['*'],
  run: (ctx) =>
    ctx.upsert(
      'countries',
      [
        { code: 'DE', name: 'Germany' },
        { code: 'FR', name: 'France' },
        { code: 'JP', name: 'Japan' },
      ],
      { conflictOn: ['code'] },
    ),
});
