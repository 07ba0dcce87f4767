import { blindIndexWhere } from '@dalkit/models';
import type { FastifyPluginAsync } from 'fastify';
import { asActor } from '../lib/actor.js';
import type { RouteDeps } from '../lib/deps.js';
import { listPage, rawQuery } from '../lib/list.js';
import { hashPassword } from '../lib/password.js';
import {
  ACTOR_HEADERS,
  AUDIT_PROPERTIES,
  ERROR_RESPONSES,
  ID_PARAMS,
  LIST_QUERY,
  listResponse,
} from '../lib/schemas.js';
import { User } from './model.js';
import { UserRepository } from './repository.js';

const PROFILE = {
  type: ['object', 'null'],
  properties: {
    phone: { type: ['string', 'null'] },
    bio: { type: ['string', 'null'] },
    countryId: { type: ['string', 'null'], format: 'uuid' },
  },
} as const;

const USER = {
  type: 'object',
  properties: {
    ...AUDIT_PROPERTIES,
    name: { type: 'string' },
    email: { type: 'string', format: 'email' },
    role: { type: 'string', enum: ['admin', 'customer'] },
    profile: PROFILE,
  },
} as const;

const PROFILE_INPUT = {
  type: 'object',
  additionalProperties: false,
  properties: {
    phone: { type: ['string', 'null'], pattern: '^\\+?[0-9 ()-]{6,20}$' },
    bio: { type: ['string', 'null'], maxLength: 500 },
    countryId: { type: ['string', 'null'], format: 'uuid' },
  },
} as const;

const WRITABLE = {
  name: { type: 'string', minLength: 1, maxLength: 100 },
  email: { type: 'string', format: 'email', maxLength: 254 },
  role: { type: 'string', enum: ['admin', 'customer'] },
  password: { type: 'string', minLength: 12, maxLength: 200 },
  profile: PROFILE_INPUT,
} as const;

interface UserBody {
  name: string;
  email: string;
  role?: 'admin' | 'customer';
  password?: string;
  profile?: Record<string, unknown>;
}

/** The public shape of a user (never the password hash). */
export function userJson(user: User) {
  const profile = user.profile;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    profile: profile ? { phone: profile.phone, bio: profile.bio, countryId: profile.countryId } : null,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    createdBy: user.createdBy,
    updatedBy: user.updatedBy,
  };
}

async function fieldsOf(body: Partial<UserBody>) {
  const { password, profile: _profile, ...fields } = body;
  return { ...fields, ...(password === undefined ? {} : { passwordHash: await hashPassword(password) }) };
}

/** CRUD and list for `/users`, each user with its one-to-one profile. */
export const userRoutes: FastifyPluginAsync<RouteDeps> = async (app, { db, cursorSecret }) => {
  const users = new UserRepository(cursorSecret);
  const tags = ['users'];

  app.post<{ Body: UserBody }>(
    '/users',
    {
      schema: {
        tags,
        headers: ACTOR_HEADERS,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'email'],
          properties: WRITABLE,
        },
        response: { 201: USER, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const fields = await fieldsOf(request.body);
      const user = await asActor(request, () =>
        db.transaction(async () => {
          const created = await users.create({
            ...fields,
            name: request.body.name,
            email: request.body.email,
          });
          if (request.body.profile) await users.saveProfile(created.id, request.body.profile);
          return users.getWithProfile(created.id);
        }),
      );
      return reply.status(201).send(userJson(user));
    },
  );

  app.get(
    '/users',
    { schema: { tags, querystring: LIST_QUERY, response: { 200: listResponse(USER), ...ERROR_RESPONSES } } },
    async (request) => {
      const query = new URLSearchParams(rawQuery(request));
      const email = query.get('filter[email]');
      if (email !== null) {
        query.delete('filter[email]');
        query.set(
          'filter[emailBlindIndex]',
          Object.values(blindIndexWhere(User, 'email', email))[0] as string,
        );
      }
      const { items, page } = await listPage(users, query, { instances: true });
      return { items: (items as User[]).map(userJson), page };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/users/:id',
    { schema: { tags, params: ID_PARAMS, response: { 200: USER, ...ERROR_RESPONSES } } },
    async (request) => userJson(await users.getWithProfile(request.params.id)),
  );

  app.patch<{ Params: { id: string }; Body: Partial<UserBody> }>(
    '/users/:id',
    {
      schema: {
        tags,
        params: ID_PARAMS,
        headers: ACTOR_HEADERS,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: WRITABLE },
        response: { 200: USER, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const fields = await fieldsOf(request.body);
      const { id } = request.params;
      const user = await asActor(request, () =>
        db.transaction(async () => {
          if (Object.keys(fields).length > 0) await users.update(id, fields);
          else await users.getById(id);
          if (request.body.profile) await users.saveProfile(id, request.body.profile);
          return users.getWithProfile(id);
        }),
      );
      return userJson(user);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/users/:id',
    { schema: { tags, params: ID_PARAMS, response: { 204: { type: 'null' }, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      await users.delete(request.params.id);
      return reply.status(204).send();
    },
  );
};
