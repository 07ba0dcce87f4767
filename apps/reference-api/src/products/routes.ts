import type { FastifyPluginAsync } from 'fastify';
import { asActor } from '../lib/actor.js';
import type { RouteDeps } from '../lib/deps.js';
import { listPage, rawQuery } from '../lib/list.js';
import {
  ACTOR_HEADERS,
  AUDIT_PROPERTIES,
  ERROR_RESPONSES,
  ID_PARAMS,
  LIST_QUERY,
  listResponse,
} from '../lib/schemas.js';
import { ProductRepository } from './repository.js';

const PRODUCT = {
  type: 'object',
  properties: {
    ...AUDIT_PROPERTIES,
    sku: { type: 'string' },
    name: { type: 'string' },
    price: { type: 'number' },
    stock: { type: 'integer' },
    categoryIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
  },
} as const;

const WRITABLE = {
  sku: { type: 'string', pattern: '^[A-Z0-9][A-Z0-9-]{0,39}$' },
  name: { type: 'string', minLength: 1, maxLength: 200 },
  price: { type: 'number', minimum: 0, maximum: 9_999_999_999.99, multipleOf: 0.01 },
  stock: { type: 'integer', minimum: 0, maximum: 2_147_483_647 },
  categoryIds: { type: 'array', maxItems: 20, uniqueItems: true, items: { type: 'string', format: 'uuid' } },
} as const;

const STATS = {
  type: 'object',
  properties: {
    productCount: { type: 'integer' },
    avgPrice: { type: ['number', 'null'] },
    categories: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          categoryId: { type: 'string' },
          categoryName: { type: 'string' },
          productCount: { type: 'integer' },
          avgPrice: { type: ['number', 'null'] },
        },
      },
    },
  },
} as const;

interface ProductBody {
  sku: string;
  name: string;
  price: number;
  stock: number;
  categoryIds?: string[];
}

/** The public shape of a product: the price as a number. */
export function productJson(product: Record<string, unknown>, categoryIds?: string[]) {
  return { ...product, price: Number(product.price), ...(categoryIds ? { categoryIds } : {}) };
}

/** CRUD, list and stats for `/products`. */
export const productRoutes: FastifyPluginAsync<RouteDeps> = async (app, { db, cursorSecret }) => {
  const products = new ProductRepository(cursorSecret);
  const tags = ['products'];

  app.post<{ Body: ProductBody }>(
    '/products',
    {
      schema: {
        tags,
        headers: ACTOR_HEADERS,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['sku', 'name', 'price', 'stock'],
          properties: WRITABLE,
        },
        response: { 201: PRODUCT, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { categoryIds = [], ...fields } = request.body;
      const body = await asActor(request, () =>
        db.transaction(async () => {
          const product = await products.create({ ...fields, price: fields.price.toFixed(2) });
          await products.setCategories(product.id, categoryIds);
          return productJson(product, [...categoryIds].sort());
        }),
      );
      return reply.status(201).send(body);
    },
  );

  app.get(
    '/products',
    {
      schema: { tags, querystring: LIST_QUERY, response: { 200: listResponse(PRODUCT), ...ERROR_RESPONSES } },
    },
    async (request) => {
      const { items, page } = await listPage(products, rawQuery(request));
      return { items: items.map((p) => productJson(p as Record<string, unknown>)), page };
    },
  );

  app.get('/products/stats', { schema: { tags, response: { 200: STATS, ...ERROR_RESPONSES } } }, () =>
    products.stats(),
  );

  app.get<{ Params: { id: string } }>(
    '/products/:id',
    { schema: { tags, params: ID_PARAMS, response: { 200: PRODUCT, ...ERROR_RESPONSES } } },
    async (request) => {
      const product = await products.getById(request.params.id);
      return productJson(product, await products.categoryIds(request.params.id));
    },
  );

  app.patch<{ Params: { id: string }; Body: Partial<ProductBody> }>(
    '/products/:id',
    {
      schema: {
        tags,
        params: ID_PARAMS,
        headers: ACTOR_HEADERS,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: WRITABLE },
        response: { 200: PRODUCT, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { categoryIds, ...fields } = request.body;
      const { price, ...rest } = fields;
      const patch = { ...rest, ...(price === undefined ? {} : { price: price.toFixed(2) }) };
      const { id } = request.params;
      return asActor(request, () =>
        db.transaction(async () => {
          const product = Object.keys(patch).length
            ? await products.update(id, patch)
            : await products.getById(id);
          if (categoryIds) await products.setCategories(id, categoryIds);
          return productJson(product, await products.categoryIds(id));
        }),
      );
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/products/:id',
    { schema: { tags, params: ID_PARAMS, response: { 204: { type: 'null' }, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      await products.delete(request.params.id);
      return reply.status(204).send();
    },
  );
};
