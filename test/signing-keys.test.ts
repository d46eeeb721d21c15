import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { createApiKey, ownerToken } from './helpers/staff.ts';

// One process hosts every module (it alone can sign); another, on the same database, hosts product
// and pricing only: it verifies tokens from platform.signing_key and asks the first about API keys.
describe('signing keys: only user signs; rotation with overlap', () => {
  let users: TestApp;
  let lifted: TestApp;
  let owner: string;
  beforeAll(async () => {
    users = await startTestApp();
    const address = await users.app.listen({ port: 0, host: '127.0.0.1' });
    lifted = await startTestApp(
      { MODULES: 'product,pricing', AUTH_URL: address, AUTH_API_KEY_CACHE_SECONDS: 1 },
      { db: users.db },
    );
    owner = await ownerToken(users);
  }, 60_000);
  afterAll(async () => {
    await lifted?.close();
    await users?.stop();
  });

  const kidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid;
  const products = (app: TestApp, token: string) => app.request('GET', '/admin/products?limit=1', { token });

  it('a process without user holds no private key and cannot sign, yet verifies tokens and keys', async () => {
    expect(users.platform.tokens.canSign).toBe(true);
    expect(lifted.platform.tokens.canSign).toBe(false);
    await expect(
      lifted.platform.tokens.sign({ kind: 'staff', sub: crypto.randomUUID(), email: 'x@example.com', permissions: [] }),
    ).rejects.toThrow(/cannot sign/);
    expect((await products(lifted, owner)).statusCode).toBe(200);
    const customer = await registerCustomer(users);
    expect((await products(lifted, customer.token)).statusCode).toBe(403);
    expect((await lifted.request('GET', '/.well-known/jwks.json')).json()).toEqual(
      (await users.request('GET', '/.well-known/jwks.json')).json(),
    );
  });

  it('an API key works on the lifted process through AUTH_URL; a revocation reaches it within the cache window', async () => {
    const { id, key } = await createApiKey(users, owner, ['catalog:read']);
    expect((await products(lifted, key)).statusCode).toBe(200);
    expect((await users.request('DELETE', `/admin/api-keys/${id}`, { token: owner })).statusCode).toBe(200);
    expect((await products(users, key)).statusCode).toBe(401); // at once where user is hosted
    await eventually(async () => (await products(lifted, key)).statusCode === 401, 5_000, 100);
  });

  it('when the process hosting user cannot be reached, an API key gets a 503, not a 401', async () => {
    const { key } = await createApiKey(users, owner, ['catalog:read']);
    const orphan = await startTestApp({ MODULES: 'product', AUTH_URL: 'http://127.0.0.1:9' }, { db: users.db });
    try {
      const res = await products(orphan, key);
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect((await products(orphan, owner)).statusCode).toBe(200); // tokens need no call
    } finally {
      await orphan.close();
    }
  });

  it('after a rotation old tokens verify until their key retires, new ones carry the new key', async () => {
    const before = await ownerToken(users);
    const oldKid = kidOf(before);
    const rotated = await users.request('POST', '/admin/signing-keys/rotate', { token: owner, body: {} });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { kid, retiring, retiresAt } = rotated.json();
    expect(retiring).toContain(oldKid);
    // Old keys retire once the tokens they signed have expired (lifetime + a minute).
    expect(Date.parse(retiresAt) - Date.now()).toBeGreaterThan((900 + 30) * 1000);

    const after = await ownerToken(users);
    expect(kidOf(after)).toBe(kid);
    for (const app of [users, lifted]) {
      expect((await products(app, before)).statusCode).toBe(200);
      expect((await products(app, after)).statusCode).toBe(200); // the lifted process reads the new key on first sight
    }
    const jwks = (await users.request('GET', '/.well-known/jwks.json')).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual(expect.arrayContaining([oldKid, kid]));

    // Retired now (a leak): the old key's tokens stop verifying; the signing key cannot be retired.
    expect(
      (await users.request('POST', `/admin/signing-keys/${kid}/retire`, { token: after, body: {} })).statusCode,
    ).toBe(409);
    const retire = await users.request('POST', `/admin/signing-keys/${oldKid}/retire`, { token: after, body: {} });
    expect(retire.statusCode, retire.body).toBe(204);
    expect((await products(users, before)).statusCode).toBe(401);
    await lifted.platform.tokens.reloadKeys(); // (what its periodic reload does within a minute)
    expect((await products(lifted, before)).statusCode).toBe(401);
    expect((await products(lifted, after)).statusCode).toBe(200);
    const publicKeys = await users.db.query('select kid from platform.signing_key where retired_at is null');
    expect(publicKeys).toEqual([{ kid }]);
    const columns = await users.db.query(
      `select column_name from information_schema.columns where table_schema = 'platform' and table_name = 'signing_key'`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain('private_jwk');
  });

  it('rotations and retirements are audited', async () => {
    const token = await ownerToken(users);
    const page: { items: { action: string }[] } = await eventually(async () => {
      const res = await users.request('GET', '/admin/audit-log?resourceType=signingKey', { token });
      return res.json().items.length >= 2 ? res.json() : undefined;
    });
    expect(page.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'signingKey.retire',
      'signingKey.rotate',
    ]);
  });
});
