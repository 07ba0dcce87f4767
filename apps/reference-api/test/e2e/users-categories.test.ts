import { describeEachTarget } from '@dalkit/testing/vitest';
import { describe, expect, it } from 'vitest';
import { call, unique, useTestServer } from '../support/test-server.js';

const ADMIN = '0192f0d2-0000-7000-8000-0000000000ad';

describeEachTarget(
  'users and categories API',
  (suite) => {
    const server = useTestServer(suite);
    const api = (method: string, path: string, options?: Parameters<typeof call>[3]) =>
      call(server().url, method, path, options);

    describe('users', () => {
      it('should create a user with a profile, encrypting email and phone at rest', async () => {
        const email = `${unique('ada')}@example.com`;
        const created = await api('POST', '/users', {
          body: {
            name: 'Ada',
            email,
            password: 'a very long password',
            profile: { phone: '+44 20 7946 0958', bio: 'hi' },
          },
          headers: { 'x-user-id': ADMIN },
        });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
          name: 'Ada',
          email,
          role: 'customer',
          profile: { phone: '+44 20 7946 0958', bio: 'hi' },
          createdBy: ADMIN,
        });
        expect(created.body).not.toHaveProperty('passwordHash');
        const [row] = await server().db.query<{
          email: string;
          email_blind_index: string;
          password_hash: string;
        }>('SELECT email, email_blind_index, password_hash FROM users WHERE id = $1', {
          bind: [created.body.id],
        });
        expect(row?.email).not.toContain('example.com');
        expect(row?.email_blind_index).toMatch(/^[0-9a-f]{64}$/);
        expect(row?.password_hash).toMatch(/^scrypt\$/);
        const [profile] = await server().db.query<{ phone: string; created_by: string }>(
          'SELECT phone, created_by FROM profiles WHERE user_id = $1',
          { bind: [created.body.id] },
        );
        expect(profile?.phone).not.toContain('7946');
        expect(profile?.created_by).toBe(ADMIN);
      });

      it('should find a user by email through the blind index, case-insensitively', async () => {
        const email = `${unique('grace')}@example.com`;
        const created = await api('POST', '/users', { body: { name: 'Grace', email } });
        const found = await api('GET', `/users?filter[email]=${encodeURIComponent(email.toUpperCase())}`);
        expect(found.status).toBe(200);
        expect(found.body.items.map((u: { id: string }) => u.id)).toEqual([created.body.id]);
        expect(found.body.items[0].email).toBe(email);
      });

      it('should answer 409 for a second user with the same email (any case)', async () => {
        const email = `${unique('dup')}@example.com`;
        expect((await api('POST', '/users', { body: { name: 'One', email } })).status).toBe(201);
        const again = await api('POST', '/users', { body: { name: 'Two', email: email.toUpperCase() } });
        expect(again.status).toBe(409);
        expect(again.body.code).toBe('UNIQUE_VIOLATION');
      });

      it('should update a user and its profile, recording the updating user', async () => {
        const created = await api('POST', '/users', {
          body: { name: 'Lin', email: `${unique('lin')}@example.com` },
        });
        expect(created.body.profile).toBeNull();
        const updated = await api('PATCH', `/users/${created.body.id}`, {
          body: { name: 'Lin Z', profile: { bio: 'new' } },
          headers: { 'x-user-id': ADMIN },
        });
        expect(updated.status).toBe(200);
        expect(updated.body).toMatchObject({
          name: 'Lin Z',
          profile: { bio: 'new', phone: null },
          updatedBy: ADMIN,
        });
      });

      it('should validate user input field by field', async () => {
        const response = await api('POST', '/users', {
          body: { name: '', email: 'not-an-email', role: 'root', password: 'short' },
        });
        expect(response.status).toBe(400);
        const paths = response.body.errors.map((e: { path: string }) => e.path).sort();
        expect(paths).toEqual(['email', 'name', 'password', 'role']);
        const badActor = await api('POST', '/users', {
          body: { name: 'X', email: `${unique('x')}@example.com` },
          headers: { 'x-user-id': "1' OR '1'='1" },
        });
        expect(badActor.status).toBe(400);
        expect(badActor.body.errors[0].path).toBe('x-user-id');
      });

      it('should delete a user (its profile goes with it) and 404 afterwards', async () => {
        const created = await api('POST', '/users', {
          body: { name: 'Tmp', email: `${unique('tmp')}@example.com`, profile: { bio: 'x' } },
        });
        expect((await api('DELETE', `/users/${created.body.id}`)).status).toBe(204);
        expect((await api('GET', `/users/${created.body.id}`)).status).toBe(404);
        const profiles = await server().db.query('SELECT id FROM profiles WHERE user_id = $1', {
          bind: [created.body.id],
        });
        expect(profiles).toEqual([]);
      });

      it('should list users with sorting and offset pages, and reject unknown sorts', async () => {
        const list = await api('GET', '/users?sort=name&page[size]=2');
        expect(list.status).toBe(200);
        expect(list.body.items).toHaveLength(2);
        expect(list.body.page.total).toBeGreaterThanOrEqual(2);
        const names = list.body.items.map((u: { name: string }) => u.name);
        expect([...names].sort()).toEqual(names);
        expect((await api('GET', '/users?sort=passwordHash')).status).toBe(400);
        expect((await api('GET', '/users?filter[passwordHash]=x')).status).toBe(400);
      });
    });

    describe('categories', () => {
      it('should create a child category under a parent and list children of the parent', async () => {
        const parent = await api('POST', '/categories', {
          body: { name: 'Outdoor', slug: unique('outdoor') },
        });
        expect(parent.status).toBe(201);
        const child = await api('POST', '/categories', {
          body: { name: 'Tents', slug: unique('tents'), parentId: parent.body.id },
          headers: { 'x-user-id': ADMIN },
        });
        expect(child.status).toBe(201);
        expect(child.body).toMatchObject({ parentId: parent.body.id, createdBy: ADMIN });
        const children = await api('GET', `/categories?filter[parentId]=${parent.body.id}`);
        expect(children.body.items.map((c: { id: string }) => c.id)).toEqual([child.body.id]);
        const read = await api('GET', `/categories/${child.body.id}`);
        expect(read.body.name).toBe('Tents');
      });

      it('should refuse to delete a parent that has children (409), then allow it once empty', async () => {
        const parent = await api('POST', '/categories', { body: { name: 'P', slug: unique('p') } });
        const child = await api('POST', '/categories', {
          body: { name: 'C', slug: unique('c'), parentId: parent.body.id },
        });
        const refused = await api('DELETE', `/categories/${parent.body.id}`);
        expect(refused.status).toBe(409);
        expect(refused.body.code).toBe('FOREIGN_KEY_VIOLATION');
        expect((await api('DELETE', `/categories/${child.body.id}`)).status).toBe(204);
        expect((await api('DELETE', `/categories/${parent.body.id}`)).status).toBe(204);
      });

      it('should answer 409 for a duplicate slug and 400 for a bad slug, 404 for an unknown id', async () => {
        const slug = unique('dup');
        expect((await api('POST', '/categories', { body: { name: 'A', slug } })).status).toBe(201);
        expect((await api('POST', '/categories', { body: { name: 'B', slug } })).status).toBe(409);
        const bad = await api('POST', '/categories', { body: { name: 'B', slug: 'Not A Slug' } });
        expect(bad.status).toBe(400);
        expect(bad.body.errors[0].path).toBe('slug');
        const id = '0192f0d2-0000-7000-8000-00000000c0de';
        expect((await api('GET', `/categories/${id}`)).status).toBe(404);
        expect((await api('PATCH', `/categories/${id}`, { body: { name: 'x' } })).status).toBe(404);
      });

      it('should rename a category', async () => {
        const created = await api('POST', '/categories', { body: { name: 'Old', slug: unique('old') } });
        const renamed = await api('PATCH', `/categories/${created.body.id}`, { body: { name: 'New' } });
        expect(renamed.status).toBe(200);
        expect(renamed.body.name).toBe('New');
      });
    });

    it('should serve the OpenAPI document at /docs with every route', async () => {
      const docs = await api('GET', '/docs');
      expect(docs.status).toBe(200);
      expect(docs.body.openapi).toMatch(/^3\./);
      for (const path of [
        '/users',
        '/users/{id}',
        '/products',
        '/products/stats',
        '/categories',
        '/orders',
        '/health/ready',
      ]) {
        expect(Object.keys(docs.body.paths)).toContain(path);
      }
    });

    it('should answer 404 problem+json for an unknown route and echo request ids', async () => {
      const response = await fetch(`${server().url}/nope`, { headers: { 'x-request-id': 'req-123' } });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.headers.get('x-request-id')).toBe('req-123');
    });
  },
  { targets: ['embedded', 'postgres'] },
);
