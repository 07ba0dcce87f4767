import { defineSeed } from '@dalkit/seeds';

/** Development sample data, sized by `--scale` (ctx.params.scale), streamed through bulkInsert. */
export default defineSeed({
  name: 'sample-orders',
  environments: ['development'],
  dependsOn: ['users'],
  tables: ['orders'],
  async run(ctx) {
    const count = 1_000 * Number(ctx.params.scale ?? 1);
    async function* orders() {
      for (let i = 0; i < count; i++)
        yield { user_email: 'admin@example.com', total_cents: (i * 37) % 10_000 };
    }
    await ctx.bulkInsert('orders', orders(), { total: count });
  },
});
