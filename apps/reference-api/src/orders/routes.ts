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
import { ProductRepository } from '../products/repository.js';
import { UserRepository } from '../users/repository.js';
import { type OrderLineInput, placeOrder } from './place-order.js';
import { OrderRepository } from './repository.js';

const ITEM = {
  type: 'object',
  properties: {
    ...AUDIT_PROPERTIES,
    productId: { type: 'string', format: 'uuid' },
    quantity: { type: 'integer' },
    unitPrice: { type: 'number' },
  },
} as const;

const ORDER = {
  type: 'object',
  properties: {
    ...AUDIT_PROPERTIES,
    userId: { type: 'string', format: 'uuid' },
    status: { type: 'string' },
    total: { type: 'number' },
    items: { type: 'array', items: ITEM },
  },
} as const;

/** The public shape of an order: money as numbers. */
export function orderJson(order: Record<string, unknown> & { items?: Record<string, unknown>[] }) {
  const items = order.items?.map((item) => ({ ...item, unitPrice: Number(item.unitPrice) }));
  return { ...order, total: Number(order.total), ...(items ? { items } : {}) };
}

/** Placing and reading orders. */
export const orderRoutes: FastifyPluginAsync<RouteDeps> = async (app, { db, cursorSecret }) => {
  const orders = new OrderRepository(cursorSecret);
  const repositories = {
    orders,
    products: new ProductRepository(cursorSecret),
    users: new UserRepository(cursorSecret),
  };
  const tags = ['orders'];

  app.post<{ Body: { userId: string; items: OrderLineInput[] } }>(
    '/orders',
    {
      schema: {
        tags,
        headers: ACTOR_HEADERS,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['userId', 'items'],
          properties: {
            userId: { type: 'string', format: 'uuid' },
            items: {
              type: 'array',
              minItems: 1,
              maxItems: 50,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['productId', 'quantity'],
                properties: {
                  productId: { type: 'string', format: 'uuid' },
                  quantity: { type: 'integer', minimum: 1, maximum: 10_000 },
                },
              },
            },
          },
        },
        response: { 201: ORDER, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const order = await asActor(request, () =>
        placeOrder(db, repositories, request.body.userId, request.body.items),
      );
      return reply.status(201).send(orderJson(order));
    },
  );

  app.get(
    '/orders',
    { schema: { tags, querystring: LIST_QUERY, response: { 200: listResponse(ORDER), ...ERROR_RESPONSES } } },
    async (request) => {
      const { items, page } = await listPage(orders, rawQuery(request));
      return { items: items.map((o) => orderJson(o as Record<string, unknown>)), page };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/orders/:id',
    { schema: { tags, params: ID_PARAMS, response: { 200: ORDER, ...ERROR_RESPONSES } } },
    async (request) => orderJson(await orders.getWithItems(request.params.id)),
  );
};
