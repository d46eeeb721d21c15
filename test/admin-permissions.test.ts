import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions } from '../src/platform/auth/permissions.ts';
import { registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { createApiKey, ownerToken, staffToken } from './helpers/staff.ts';

/**
 * GET /admin/permissions: the catalogue the roles and API-keys screens build their pickers from.
 * Any signed-in staff member may read it, even one holding no permission at all.
 */
describe('GET /admin/permissions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user' });
  }, 60_000);
  afterAll(() => app?.stop());

  it('answers every permission once, grouped by resource in the catalogue order, each described', async () => {
    const res = await app.request('GET', '/admin/permissions', { token: await staffToken(app, []) });
    expect(res.statusCode, res.body).toBe(200);
    const groups: { resource: string; permissions: { name: string; description: string }[] }[] = res.json().items;
    expect(groups.flatMap((g) => g.permissions.map((p) => p.name))).toEqual([...permissions]);
    expect(groups.map((g) => g.resource)).toEqual([...new Set(permissions.map((p) => p.split(':')[0]))]);
    for (const g of groups)
      for (const p of g.permissions) {
        expect(p.name.startsWith(`${g.resource}:`), p.name).toBe(true);
        expect(p.description.length, p.name).toBeGreaterThan(10);
      }
    expect(groups.find((g) => g.resource === 'orders')?.permissions.map((p) => p.name)).toEqual([
      'orders:read',
      'orders:write',
      'orders:refund',
      'orders:fulfil',
    ]);
  });

  it('is a 401 problem without a token or with a bad one', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const res = await app.request('GET', '/admin/permissions', { token });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('is a 403 problem for a customer and for an API key', async () => {
    const customer = await registerCustomer(app);
    const { key } = await createApiKey(app, await ownerToken(app), ['staff:read']);
    for (const token of [customer.token, key]) {
      const res = await app.request('GET', '/admin/permissions', { token });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('is in the OpenAPI document with its permission names as an enum the typed client can use', async () => {
    const doc = (await app.request('GET', '/docs/json')).json();
    const op = doc.paths['/admin/permissions'].get;
    expect(op.security).toEqual([{ bearerAuth: [] }]);
    const item = op.responses['200'].content['application/json'].schema.properties.items.items;
    const name = item.properties.permissions.items.properties.name;
    const names = (name.anyOf ?? []).map((s: { const?: string; enum?: string[] }) => s.const ?? s.enum?.[0]);
    expect(names).toEqual([...permissions]);
  });
});
