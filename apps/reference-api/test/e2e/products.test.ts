import { describeEachTarget } from '@dalkit/testing/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, unique, useTestServer } from '../support/test-server.js';

const ACTOR = '0192f0d2-0000-7000-8000-000000000001';

describeEachTarget(
  'products API',
  (suite) => {
    const server = useTestServer(suite);
    const api = (method: string, path: string, options?: Parameters<typeof call>[3]) =>
      call(server().url, method, path, options);
    const sku = () => unique('SKU').toUpperCase();
    let categoryId: string;

    beforeAll(async () => {
      const list = await api('GET', '/categories?filter[slug]=phones');
      categoryId = list.body.items[0].id;
    });

    describe('create, read, update, delete', () => {
      it('should create a product with categories and audit columns from x-user-id', async () => {
        const created = await api('POST', '/products', {
          body: { sku: sku(), name: 'Phone X', price: 199.99, stock: 5, categoryIds: [categoryId] },
          headers: { 'x-user-id': ACTOR },
        });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
          name: 'Phone X',
          price: 199.99,
          stock: 5,
          categoryIds: [categoryId],
        });
        expect(created.body.createdBy).toBe(ACTOR);
        expect(created.body.updatedBy).toBe(ACTOR);
        const read = await api('GET', `/products/${created.body.id}`);
        expect(read.status).toBe(200);
        expect(read.body).toMatchObject({
          id: created.body.id,
          price: 199.99,
          categoryIds: [categoryId],
          createdBy: ACTOR,
        });
        const rows = await server().db.query<{ created_by: string; price: string }>(
          'SELECT created_by, price FROM products WHERE id = $1',
          { bind: [created.body.id] },
        );
        expect(rows[0]).toEqual({ created_by: ACTOR, price: '199.99' });
      });

      it('should update a product and record the updating user', async () => {
        const created = await api('POST', '/products', {
          body: { sku: sku(), name: 'Old', price: 1, stock: 1 },
        });
        expect(created.body.createdBy).toBeNull();
        const other = '0192f0d2-0000-7000-8000-0000000000ff';
        const updated = await api('PATCH', `/products/${created.body.id}`, {
          body: { name: 'New', price: 2.5 },
          headers: { 'x-user-id': other },
        });
        expect(updated.status).toBe(200);
        expect(updated.body).toMatchObject({ name: 'New', price: 2.5, createdBy: null, updatedBy: other });
      });

      it('should delete a product, then answer 404 for it', async () => {
        const created = await api('POST', '/products', {
          body: { sku: sku(), name: 'Gone', price: 1, stock: 1 },
        });
        const deleted = await api('DELETE', `/products/${created.body.id}`);
        expect(deleted.status).toBe(204);
        const read = await api('GET', `/products/${created.body.id}`);
        expect(read.status).toBe(404);
        expect(read.headers.get('content-type')).toContain('application/problem+json');
        expect(read.body).toMatchObject({
          status: 404,
          code: 'NOT_FOUND',
          instance: `/products/${created.body.id}`,
        });
      });

      it('should answer 404 for an unknown id on GET, PATCH and DELETE', async () => {
        const id = '0192f0d2-0000-7000-8000-00000000dead';
        expect((await api('GET', `/products/${id}`)).status).toBe(404);
        expect((await api('PATCH', `/products/${id}`, { body: { name: 'x' } })).status).toBe(404);
        expect((await api('DELETE', `/products/${id}`)).status).toBe(404);
      });
    });

    describe('errors', () => {
      it('should answer 400 with per-field details for an invalid body, writing nothing', async () => {
        const before = await server().db.query<{ n: string }>('SELECT count(*) AS n FROM products');
        const response = await api('POST', '/products', {
          body: { sku: 'lower case', name: '', price: -1, stock: 1.5, extra: true },
        });
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
        const paths = response.body.errors.map((e: { path: string }) => e.path).sort();
        expect(paths).toEqual(['extra', 'name', 'price', 'sku', 'stock']);
        const after = await server().db.query<{ n: string }>('SELECT count(*) AS n FROM products');
        expect(after).toEqual(before);
      });

      it('should answer 400 for a malformed id and for malformed JSON', async () => {
        const bad = await api('GET', '/products/not-a-uuid');
        expect(bad.status).toBe(400);
        expect(bad.body.errors[0].path).toBe('id');
        const response = await fetch(`${server().url}/products`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"sku":',
        });
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
      });

      it('should answer 409 for a duplicate sku', async () => {
        const body = { sku: sku(), name: 'Dup', price: 1, stock: 1 };
        expect((await api('POST', '/products', { body })).status).toBe(201);
        const again = await api('POST', '/products', { body });
        expect(again.status).toBe(409);
        expect(again.body.code).toBe('UNIQUE_VIOLATION');
        expect(JSON.stringify(again.body)).not.toMatch(/INSERT|SELECT|at .*\.ts/);
      });

      it('should answer 409 for an unknown category (foreign key), writing nothing', async () => {
        const code = sku();
        const response = await api('POST', '/products', {
          body: {
            sku: code,
            name: 'FK',
            price: 1,
            stock: 1,
            categoryIds: ['0192f0d2-0000-7000-8000-00000000beef'],
          },
        });
        expect(response.status).toBe(409);
        expect(response.body.code).toBe('FOREIGN_KEY_VIOLATION');
        const rows = await server().db.query('SELECT id FROM products WHERE sku = $1', { bind: [code] });
        expect(rows).toEqual([]);
      });

      it('should reject unknown query parameters with 400', async () => {
        for (const path of [
          '/products?foo=1',
          '/products/stats?x=1',
          `/categories/${categoryId}?verbose=true`,
        ]) {
          const response = await api('GET', path);
          expect(response.status, path).toBe(400);
          expect(response.body.code).toBe('VALIDATION_FAILED');
        }
        const unknownFilter = await api('GET', '/products?filter[secret]=1');
        expect(unknownFilter.status).toBe(400);
        expect(unknownFilter.body.errors[0].path).toBe('filter.secret');
      });

      it('should reject injection strings in filters and sort with 400 and leave the data unchanged', async () => {
        const before = await server().db.query('SELECT id, stock, price FROM products ORDER BY id');
        const attempts = [
          `/products?filter[price][gte]=${encodeURIComponent('0; DROP TABLE products; --')}`,
          `/products?filter[stock]=${encodeURIComponent('1 OR 1=1')}`,
          `/products?sort=${encodeURIComponent('price; DROP TABLE products')}`,
          `/products?sort=${encodeURIComponent('(SELECT 1)')}`,
          `/products?filter[${encodeURIComponent('name") OR 1=1 --')}]=x`,
          `/products?filter[price][${encodeURIComponent('gte OR 1')}]=1`,
          `/products?page[after]=${encodeURIComponent("' OR 1=1 --")}`,
        ];
        for (const path of attempts) {
          const response = await api('GET', path);
          expect(response.status, path).toBe(400);
        }
        const harmless = await api('GET', `/products?filter[name]=${encodeURIComponent("x' OR '1'='1")}`);
        expect(harmless.status).toBe(200);
        expect(harmless.body.items).toEqual([]);
        expect(await server().db.query('SELECT id, stock, price FROM products ORDER BY id')).toEqual(before);
      });
    });

    describe('lists', () => {
      beforeAll(async () => {
        for (let i = 0; i < 6; i++) {
          await api('POST', '/products', {
            body: { sku: `LIST-${i}-${sku()}`, name: `Listed ${i}`, price: 10 + i, stock: i },
          });
        }
      });

      it('should filter, sort and paginate with offsets and totals', async () => {
        const page1 = await api('GET', '/products?filter[name][like]=Listed%25&sort=-price&page[size]=4');
        expect(page1.status).toBe(200);
        expect(page1.body.items.map((p: { price: number }) => p.price)).toEqual([15, 14, 13, 12]);
        expect(page1.body.page).toMatchObject({ page: 1, pageSize: 4, total: 6, hasNext: true });
        const page2 = await api(
          'GET',
          '/products?filter[name][like]=Listed%25&sort=-price&page[size]=4&page[number]=2',
        );
        expect(page2.body.items.map((p: { price: number }) => p.price)).toEqual([11, 10]);
        expect(page2.body.page).toMatchObject({ page: 2, total: 6, hasNext: false });
        const range = await api(
          'GET',
          '/products?filter[name][like]=Listed%25&filter[price][gte]=12&filter[price][lt]=14',
        );
        expect(range.body.items.map((p: { price: number }) => p.price).sort()).toEqual([12, 13]);
      });

      it('should cap the page size', async () => {
        const response = await api('GET', '/products?page[size]=1000');
        expect(response.status).toBe(400);
        expect(response.body.errors[0].path).toBe('page[size]');
      });

      it('should walk every row exactly once with a cursor while rows are inserted', async () => {
        const existing = await server().db.query<{ id: string }>('SELECT id FROM products');
        const seen: string[] = [];
        let path = '/products?sort=name&page[size]=3&page[after]=';
        for (let round = 0; round < 100; round++) {
          const page = await api('GET', path);
          expect(page.status).toBe(200);
          seen.push(...page.body.items.map((p: { id: string }) => p.id));
          await api('POST', '/products', {
            body: { sku: sku(), name: round % 2 ? 'AAA first' : 'zzz last', price: 1, stock: 1 },
          });
          if (!page.body.page.hasNext) break;
          path = `/products?sort=name&page[size]=3&page[after]=${encodeURIComponent(page.body.page.nextCursor)}`;
        }
        expect(new Set(seen).size).toBe(seen.length);
        for (const { id } of existing) expect(seen).toContain(id);
      });

      it('should page backwards with page[before]', async () => {
        const first = await api('GET', '/products?sort=price&page[size]=2&page[after]=');
        const second = await api(
          'GET',
          `/products?sort=price&page[size]=2&page[after]=${encodeURIComponent(first.body.page.nextCursor)}`,
        );
        expect(second.body.page.prevCursor).toEqual(expect.any(String));
        const back = await api(
          'GET',
          `/products?sort=price&page[size]=2&page[before]=${encodeURIComponent(second.body.page.prevCursor)}`,
        );
        expect(back.status).toBe(200);
        expect(back.body.items.map((p: { id: string }) => p.id)).toEqual(
          first.body.items.map((p: { id: string }) => p.id),
        );
      });

      it('should reject a tampered cursor with 400', async () => {
        const page = await api('GET', '/products?sort=name&page[size]=2&page[after]=');
        const cursor: string = page.body.page.nextCursor;
        const tampered = `${cursor.slice(0, -2)}${cursor.endsWith('A') ? 'B' : 'A'}${cursor.slice(-1)}`;
        const response = await api(
          'GET',
          `/products?sort=name&page[size]=2&page[after]=${encodeURIComponent(tampered)}`,
        );
        expect(response.status).toBe(400);
        const otherSort = await api(
          'GET',
          `/products?sort=price&page[size]=2&page[after]=${encodeURIComponent(cursor)}`,
        );
        expect(otherSort.status).toBe(400);
      });
    });

    it('should report product count and average price overall and per category', async () => {
      const slug = unique('stats');
      const category = await api('POST', '/categories', { body: { name: 'Stats', slug } });
      for (const price of [10, 20, 40]) {
        await api('POST', '/products', {
          body: { sku: sku(), name: 'S', price, stock: 1, categoryIds: [category.body.id] },
        });
      }
      const stats = await api('GET', '/products/stats');
      expect(stats.status).toBe(200);
      const row = stats.body.categories.find(
        (c: { categoryId: string }) => c.categoryId === category.body.id,
      );
      expect(row).toEqual({
        categoryId: category.body.id,
        categoryName: 'Stats',
        productCount: 3,
        avgPrice: 23.33,
      });
      const [total] = await server().db.query<{ n: string }>('SELECT count(*) AS n FROM products');
      expect(stats.body.productCount).toBe(Number(total?.n));
    });
  },
  { targets: ['embedded', 'postgres'] },
);
