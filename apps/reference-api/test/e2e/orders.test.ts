import { describeEachTarget } from '@dalkit/testing/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, unique, useTestServer } from '../support/test-server.js';

describeEachTarget(
  'orders API',
  (suite) => {
    const server = useTestServer(suite);
    const api = (method: string, path: string, options?: Parameters<typeof call>[3]) =>
      call(server().url, method, path, options);
    let userId: string;

    const product = async (stock: number, price = 10) => {
      const created = await api('POST', '/products', {
        body: { sku: unique('ORD').toUpperCase(), name: 'Orderable', price, stock },
      });
      return created.body.id as string;
    };
    const stockOf = async (id: string) =>
      Number(
        (
          await server().db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', {
            bind: [id],
          })
        )[0]?.stock,
      );
    const orderCount = async () =>
      Number((await server().db.query<{ n: string }>('SELECT count(*) AS n FROM orders'))[0]?.n);

    beforeAll(async () => {
      const user = await api('POST', '/users', {
        body: { name: 'Buyer', email: `${unique('buyer')}@example.com` },
      });
      userId = user.body.id;
    });

    it('should place an order: decrement stock, write the order and its items, with audit columns', async () => {
      const a = await product(5, 2.5);
      const b = await product(3, 10);
      const placed = await api('POST', '/orders', {
        body: {
          userId,
          items: [
            { productId: a, quantity: 2 },
            { productId: b, quantity: 3 },
          ],
        },
        headers: { 'x-user-id': userId },
      });
      expect(placed.status).toBe(201);
      expect(placed.body).toMatchObject({ userId, status: 'placed', total: 35, createdBy: userId });
      expect(placed.body.items).toHaveLength(2);
      expect(placed.body.items.every((i: { createdBy: string }) => i.createdBy === userId)).toBe(true);
      expect(await stockOf(a)).toBe(3);
      expect(await stockOf(b)).toBe(0);
      const read = await api('GET', `/orders/${placed.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body.items.map((i: { quantity: number }) => i.quantity).sort()).toEqual([2, 3]);
      const list = await api('GET', `/orders?filter[userId]=${userId}&sort=-createdAt`);
      expect(list.body.items.map((o: { id: string }) => o.id)).toContain(placed.body.id);
    });

    describe('a failed order changes nothing', () => {
      it('should answer 409 when one line is out of stock and leave stock and orders unchanged', async () => {
        const a = await product(5);
        const b = await product(1);
        const before = await orderCount();
        const response = await api('POST', '/orders', {
          body: {
            userId,
            items: [
              { productId: a, quantity: 2 },
              { productId: b, quantity: 2 },
            ],
          },
        });
        expect(response.status).toBe(409);
        expect(response.body.code).toBe('CHECK_VIOLATION');
        expect(response.body.detail).toContain('out of stock');
        expect(await stockOf(a)).toBe(5);
        expect(await stockOf(b)).toBe(1);
        expect(await orderCount()).toBe(before);
      });

      it('should answer 404 for an unknown product and leave stock unchanged', async () => {
        const a = await product(5);
        const response = await api('POST', '/orders', {
          body: {
            userId,
            items: [
              { productId: a, quantity: 1 },
              { productId: '0192f0d2-0000-7000-8000-00000000f00d', quantity: 1 },
            ],
          },
        });
        expect(response.status).toBe(404);
        expect(await stockOf(a)).toBe(5);
      });

      it('should answer 400 for an unknown user, a zero quantity or a repeated product', async () => {
        const a = await product(5);
        const before = await orderCount();
        const unknownUser = await api('POST', '/orders', {
          body: { userId: '0192f0d2-0000-7000-8000-00000000abcd', items: [{ productId: a, quantity: 1 }] },
        });
        expect(unknownUser.status).toBe(400);
        expect(unknownUser.body.errors[0].path).toBe('userId');
        const zero = await api('POST', '/orders', {
          body: { userId, items: [{ productId: a, quantity: 0 }] },
        });
        expect(zero.status).toBe(400);
        expect(zero.body.errors[0].path).toBe('items.0.quantity');
        const repeated = await api('POST', '/orders', {
          body: {
            userId,
            items: [
              { productId: a, quantity: 1 },
              { productId: a, quantity: 1 },
            ],
          },
        });
        expect(repeated.status).toBe(400);
        expect(repeated.body.errors[0].path).toBe('items.1.productId');
        expect(await stockOf(a)).toBe(5);
        expect(await orderCount()).toBe(before);
      });
    });

    it('should let exactly one of many concurrent orders take the last unit; the others get 409', async () => {
      const last = await product(1);
      const responses = await Promise.all(
        Array.from({ length: 8 }, () =>
          api('POST', '/orders', { body: { userId, items: [{ productId: last, quantity: 1 }] } }),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      expect(await stockOf(last)).toBe(0);
      const items = await server().db.query('SELECT id FROM order_items WHERE product_id = $1', {
        bind: [last],
      });
      expect(items).toHaveLength(1);
    });

    it('should answer 404 for an unknown order and 400 for unknown list parameters', async () => {
      expect((await api('GET', '/orders/0192f0d2-0000-7000-8000-00000000aaaa')).status).toBe(404);
      expect((await api('GET', '/orders?filter[total][like]=1')).status).toBe(400);
      expect((await api('GET', '/orders?limit=5')).status).toBe(400);
    });
  },
  { targets: ['embedded', 'postgres'] },
);
