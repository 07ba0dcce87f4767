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
import { CategoryRepository } from './repository.js';

const CATEGORY = {
  type: 'object',
  properties: {
    ...AUDIT_PROPERTIES,
    name: { type: 'string' },
    slug: { type: 'string' },
    parentId: { type: ['string', 'null'], format: 'uuid' },
  },
} as const;

const WRITABLE = {
  name: { type: 'string', minLength: 1, maxLength: 100 },
  slug: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 },
  parentId: { type: ['string', 'null'], format: 'uuid' },
} as const;

interface CategoryBody {
  name: string;
  slug: string;
  parentId?: string | null;
}

/** CRUD and list for `/categories`. */
export const categoryRoutes: FastifyPluginAsync<RouteDeps> = async (app, { cursorSecret }) => {
  const categories = new CategoryRepository(cursorSecret);
  const tags = ['categories'];

  app.post<{ Body: CategoryBody }>(
    '/categories',
    {
      schema: {
        tags,
        headers: ACTOR_HEADERS,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'slug'],
          properties: WRITABLE,
        },
        response: { 201: CATEGORY, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const created = await asActor(request, () => categories.create({ ...request.body }));
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/categories',
    {
      schema: {
        tags,
        querystring: LIST_QUERY,
        response: { 200: listResponse(CATEGORY), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      return listPage(categories, rawQuery(request));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/categories/:id',
    { schema: { tags, params: ID_PARAMS, response: { 200: CATEGORY, ...ERROR_RESPONSES } } },
    async (request) => categories.getById(request.params.id),
  );

  app.patch<{ Params: { id: string }; Body: Partial<CategoryBody> }>(
    '/categories/:id',
    {
      schema: {
        tags,
        params: ID_PARAMS,
        headers: ACTOR_HEADERS,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: WRITABLE },
        response: { 200: CATEGORY, ...ERROR_RESPONSES },
      },
    },
    async (request) => asActor(request, () => categories.update(request.params.id, { ...request.body })),
  );

  app.delete<{ Params: { id: string } }>(
    '/categories/:id',
    { schema: { tags, params: ID_PARAMS, response: { 204: { type: 'null' }, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      await categories.delete(request.params.id);
      return reply.status(204).send();
    },
  );
};
