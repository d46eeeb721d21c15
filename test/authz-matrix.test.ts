import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { declarePermission } from '../src/platform/http/auth.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtInRoles, isPermission, permissions, type Permission } from '../src/platform/auth/permissions.ts';
import { registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { createApiKey, ownerToken, roleToken } from './helpers/staff.ts';

// Generated from the OpenAPI document of an app hosting every module: each admin operation, called
// by each built-in role, an API key, a customer and nobody. Allowed iff the operation's permission is
// held; a refusal is a 403 (401 without a credential) before any validation: every call carries an
// invalid path parameter and body, so a refusal that came after validation would be a 400.

interface Operation {
  method: string;
  path: string;
  permission?: Permission;
  hasBody: boolean;
}

/** The admin routes anyone may call: sign-in, sessions and the mailed links. */
const publicAdmin = new Set(
  ['login', 'refresh', 'logout', 'password-reset', 'password-reset/confirm', 'accept-invite'].map(
    (p) => `POST /admin/auth/${p}`,
  ),
);
/** A staff member's own routes and the permission catalogue: any staff token, whatever its permissions; never a key or a customer. */
const staffSelf = new Set([
  'GET /admin/auth/me',
  'POST /admin/auth/password',
  'POST /admin/auth/logout-all',
  'GET /admin/permissions',
]);

let app: TestApp;
let ops: Operation[];
beforeAll(async () => {
  app = await startTestApp();
  const doc = (await app.request('GET', '/docs/json')).json();
  ops = Object.entries<Record<string, Record<string, unknown>>>(doc.paths)
    .filter(([path]) => path.startsWith('/admin'))
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const permission = op['x-permission'];
        return {
          method: method.toUpperCase(),
          path,
          permission: typeof permission === 'string' && isPermission(permission) ? permission : undefined,
          hasBody: 'requestBody' in op,
        };
      }),
    );
}, 60_000);
afterAll(() => app?.stop());

const call = (op: Operation, token?: string) =>
  app.request(op.method, op.path.replace(/\{[^}]+\}/g, 'not-a-valid-id'), {
    token,
    ...(op.hasBody ? { payload: '"not an object"', headers: { 'content-type': 'application/json' } } : {}),
  });

const keyOf = (op: Operation) => `${op.method} ${op.path}`;
const guarded = () => ops.filter((op) => !publicAdmin.has(keyOf(op)) && !staffSelf.has(keyOf(op)));

describe('admin authorization matrix (from /docs/json)', () => {
  it('every admin operation declares a permission, a bearer requirement and says so in its description', async () => {
    const doc = (await app.request('GET', '/docs/json')).json();
    expect(guarded().length).toBeGreaterThan(80);
    // Only the listed /admin/auth routes go without a permission (a new unguarded one fails here).
    const without = ops.filter((op) => !op.permission).map(keyOf);
    expect(without.sort()).toEqual([...publicAdmin, ...staffSelf].sort());
    for (const op of guarded()) {
      expect(op.permission, `${op.method} ${op.path}`).toBeDefined();
      const spec = doc.paths[op.path][op.method.toLowerCase()];
      expect(spec.security, `${op.method} ${op.path}`).toEqual([{ bearerAuth: [] }]);
      expect(spec.description).toContain(`\`${op.permission}\``);
    }
  });

  const expectAllowedIff = async (who: string, token: string, held: readonly Permission[]) => {
    let allowed = 0;
    for (const op of guarded()) {
      const res = await call(op, token);
      const name = `${who}: ${op.method} ${op.path} (${op.permission})`;
      if (held.includes(op.permission!)) {
        allowed++;
        expect([401, 403], name).not.toContain(res.statusCode);
        expect(res.statusCode, `${name}: ${res.body}`).toBeLessThan(500);
      } else {
        expect(res.statusCode, `${name}: ${res.body}`).toBe(403);
        expect(res.headers['content-type'], name).toContain('application/problem+json');
      }
    }
    return allowed;
  };

  for (const role of Object.keys(builtInRoles) as (keyof typeof builtInRoles)[])
    it(`role ${role}: allowed exactly what its permissions allow`, async () => {
      const allowed = await expectAllowedIff(role, await roleToken(app, role), builtInRoles[role]);
      expect(allowed).toBeGreaterThan(0);
    }, 60_000);

  it('an API key: allowed exactly what its scopes allow', async () => {
    const scopes: Permission[] = ['catalog:read', 'catalog:write', 'stock:read', 'orders:read', 'events:read'];
    const { key } = await createApiKey(app, await ownerToken(app), scopes);
    expect(await expectAllowedIff('api key', key, scopes)).toBeGreaterThan(0);
  }, 60_000);

  it('a customer gets 403 and an anonymous caller 401 on every admin operation, before validation', async () => {
    const customer = await registerCustomer(app);
    for (const op of guarded()) {
      const name = `${op.method} ${op.path}`;
      const asCustomer = await call(op, customer.token);
      expect(asCustomer.statusCode, name).toBe(403);
      expect(asCustomer.headers['content-type'], name).toContain('application/problem+json');
      const anonymous = await call(op);
      expect(anonymous.statusCode, name).toBe(401);
      expect(anonymous.headers['content-type'], name).toContain('application/problem+json');
      if (op.method === 'GET') expect((await call({ ...op, method: 'HEAD' })).statusCode, `HEAD ${op.path}`).toBe(401);
    }
  }, 60_000);

  it("a staff member's own routes take any staff token, and refuse a key, a customer and nobody first", async () => {
    const { key } = await createApiKey(app, await ownerToken(app), ['staff:read']);
    const customer = await registerCustomer(app);
    const staff = await roleToken(app, 'fulfilment');
    for (const op of ops.filter((o) => staffSelf.has(keyOf(o)))) {
      const name = keyOf(op);
      expect((await call(op)).statusCode, name).toBe(401);
      expect((await call(op, customer.token)).statusCode, name).toBe(403);
      expect((await call(op, key)).statusCode, name).toBe(403);
      const res = await call(op, staff);
      expect([401, 403], `${name}: ${res.body}`).not.toContain(res.statusCode);
      expect(res.statusCode, `${name}: ${res.body}`).toBeLessThan(500);
    }
  }, 60_000);

  it('the README lists the built-in roles as permissions.ts defines them', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');
    const table = readme.split('<!-- roles:start -->')[1]?.split('<!-- roles:end -->')[0] ?? '';
    for (const [role, held] of Object.entries(builtInRoles)) {
      const missing = permissions.filter((p) => !held.includes(p));
      const cell =
        missing.length === 0
          ? 'every permission'
          : held.length > missing.length
            ? `every permission but ${missing.map((p) => `\`${p}\``).join(', ')}`
            : held.map((p) => `\`${p}\``).join(', ');
      expect(table).toContain(`| ${role} | ${cell} |`);
    }
  });

  it('an /admin route without a declared permission stops the app from building', async () => {
    const build = async (config: object) => {
      const f = Fastify();
      f.addHook('onRoute', declarePermission);
      await f.register(async (child) => {
        child.get('/admin/forgotten', { config }, async () => ({}));
      });
      await f.ready();
      await f.close();
    };
    await expect(build({})).rejects.toThrow(/GET \/admin\/forgotten declares no permission/);
    await expect(build({ permission: 'orders:read' })).resolves.toBeUndefined();
  });
});
