import { defineSeed } from '@dalkit/seeds';

/** An admin in every environment: inserted once, never overwritten. */
export default defineSeed({
  name: 'users',
  environments: ['*'],
  dependsOn: ['countries'],
  run: (ctx) =>
    ctx.insertMissing('users', [{ email: 'admin@example.com', country_code: 'DE' }], {
      conflictOn: ['email'],
    }),
});
