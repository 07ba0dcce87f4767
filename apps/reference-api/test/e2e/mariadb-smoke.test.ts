import { describeEachTarget } from '@dalkit/testing/vitest';
import { expect, it } from 'vitest';
import { call, unique, useTestServer } from '../support/test-server.js';

describeEachTarget(
  'the same app on MariaDB',
  (suite) => {
    const server = useTestServer(suite);

    it('should migrate, seed, and serve users, products, lists, stats and orders', async () => {
      const api = (method: string, path: string, options?: Parameters<typeof call>[3]) =>
        call(server().url, method, path, options);
      expect((await api('GET', '/health/ready')).status).toBe(200);
      const email = `${unique('m')}@example.com`;
      const user = await api('POST', '/users', {
        body: { name: 'Maria', email, profile: { phone: '+1 555 0100' } },
      });
      expect(user.status).toBe(201);
      expect((await api('GET', `/users?filter[email]=${encodeURIComponent(email)}`)).body.items).toHaveLength(
        1,
      );
      const categories = await api('GET', '/categories?filter[slug]=phones');
      const product = await api('POST', '/products', {
        body: {
          sku: unique('MDB').toUpperCase(),
          name: 'Phone',
          price: 12.5,
          stock: 1,
          categoryIds: [categories.body.items[0].id],
        },
      });
      expect(product.status).toBe(201);
      const list = await api('GET', '/products?filter[price][gte]=12&sort=-price&page[size]=5');
      expect(list.status).toBe(200);
      const page = await api('GET', '/products?sort=name&page[size]=1&page[after]=');
      expect(page.body.page.hasNext).toBe(false);
      expect((await api('GET', '/products/stats')).status).toBe(200);
      const orders = await Promise.all(
        [1, 2].map(() =>
          api('POST', '/orders', {
            body: { userId: user.body.id, items: [{ productId: product.body.id, quantity: 1 }] },
          }),
        ),
      );
      expect(orders.map((o) => o.status).sort()).toEqual([201, 409]);
      expect((await api('GET', '/products?sort=price;DROP')).status).toBe(400);
    });
  },
  { targets: ['mariadb'] },
);
