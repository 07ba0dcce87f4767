import type { Database } from '@dalkit/connection';
import type { FastifyPluginAsync } from 'fastify';
import { parseListQuery } from '../_pending/list-query.js';
import { asActor } from '../lib/actor.js';
import { toListBody } from '../lib/list.js';
import {
  ACTOR_HEADERS,
  AUDIT_PROPERTIES,
  ERROR_RESPONSES,
  ID_PARAMS,
  LIST_QUERY,
  listResponse,
} from '../lib/schemas.js';
import type { Order } from './model.js';
import { type OrderLineInput, placeOrder } from './place-order.js';
import { ORDER_LIST, OrderRepository } from './repository.js';

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

/** The public shape of an order. */
export function orderJson(order: Order) {
  const plain = order.get({ plain: true }) as Record<string, unknown>;
  const items = order.items?.map((item) => {
    const p = item.get({ plain: true }) as Record<string, unknown>;
    return { ...p, unitPrice: Number(p.unitPrice) };
  });
  return { ...plain, total: Number(plain.total), ...(items ? { items } : {}) };
}

/** Placing and reading orders. */
export const orderRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  const orders = new OrderRepository();
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
      const order = await asActor(request, () => placeOrder(db, request.body.userId, request.body.items));
      return reply.status(201).send(orderJson(order));
    },
  );

  app.get(
    '/orders',
    { schema: { tags, querystring: LIST_QUERY, response: { 200: listResponse(ORDER), ...ERROR_RESPONSES } } },
    async (request) => {
      const result = await orders.list(parseListQuery(request.query as Record<string, unknown>, ORDER_LIST));
      return toListBody(result, orderJson);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/orders/:id',
    { schema: { tags, params: ID_PARAMS, response: { 200: ORDER, ...ERROR_RESPONSES } } },
    async (request) => orderJson(await orders.getWithItems(request.params.id)),
  );
};
