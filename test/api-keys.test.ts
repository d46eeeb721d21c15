import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.ts';
import { createApiKey, ownerToken, staffToken } from './helpers/staff.ts';

describe('API keys', () => {
  let app: TestApp;
  let owner: string;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await ownerToken(app);
  });
  afterAll(() => app?.stop());

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const categories = (key: string) => app.request('GET', '/admin/categories', { token: key });

  it('are shown once as tsk_<id>_<secret>, stored hashed, listed without the secret, last use recorded', async () => {
    const { id, key } = await createApiKey(app, owner, ['catalog:read']);
    expect(key).toMatch(new RegExp(`^tsk_${id}_[A-Za-z0-9_-]{43}$`));
    const [row] = await app.db.query('select secret_hash, last_used_at from "user".api_keys where id = $1', [id]);
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    // (the secret is base64url, so it may hold underscores of its own)
    expect(JSON.stringify(row)).not.toContain(key.split('_').slice(2).join('_'));
    expect(row.last_used_at).toBeNull();
    expect((await categories(key)).statusCode).toBe(200);
    const listed = (await app.request('GET', '/admin/api-keys', { token: owner })).json().items;
    const mine = listed.find((k: { id: string }) => k.id === id);
    expect(mine).toMatchObject({ id, permissions: ['catalog:read'], revokedAt: null });
    expect(mine.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(key);
  });

  it('a catalog:write key can write the catalog but cannot refund; a wrong secret is a 401', async () => {
    const { key } = await createApiKey(app, owner, ['catalog:write']);
    const created = await app.request('POST', '/admin/categories', { token: key, body: { name: 'Keys' } });
    expect(created.statusCode).toBe(201);
    const refund = await app.request('POST', `/admin/orders/${crypto.randomUUID()}/refund`, { token: key, body: {} });
    expect(refund.statusCode).toBe(403);
    expect(refund.json().detail).toContain('orders:refund');
    const forged = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await categories(forged)).statusCode).toBe(401);
  });

  it('a revoked key is refused at once', async () => {
    const { id, key } = await createApiKey(app, owner, ['catalog:read']);
    expect((await categories(key)).statusCode).toBe(200);
    const revoked = await app.request('DELETE', `/admin/api-keys/${id}`, { token: owner });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    const after = await categories(key);
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
  });

  it('an expired key is refused; an expiry in the past cannot be set', async () => {
    const { key } = await createApiKey(app, owner, ['catalog:read'], {
      expiresAt: new Date(Date.now() + 1500).toISOString(),
    });
    expect((await categories(key)).statusCode).toBe(200);
    await sleep(1600);
    expect((await categories(key)).statusCode).toBe(401);
    const past = await app.request('POST', '/admin/api-keys', {
      token: owner,
      body: { name: 'old', permissions: ['catalog:read'], expiresAt: new Date(Date.now() - 1000).toISOString() },
    });
    expect(past.statusCode).toBe(400);
  });

  it('a key never holds more than its creator; a key made by a key answers to the same staff member', async () => {
    const staffId = crypto.randomUUID();
    const limited = await staffToken(app, ['apikeys:manage', 'catalog:read'], staffId);
    const beyond = await app.request('POST', '/admin/api-keys', {
      token: limited,
      body: { name: 'too much', permissions: ['catalog:read', 'orders:refund'] },
    });
    expect(beyond.statusCode).toBe(403);
    expect(beyond.json().detail).toContain('orders:refund');
    const { key: parent } = await createApiKey(app, limited, ['apikeys:manage', 'catalog:read']);
    const child = await app.request('POST', '/admin/api-keys', {
      token: parent,
      body: { name: 'child', permissions: ['catalog:read'] },
    });
    expect(child.statusCode).toBe(201);
    expect(child.json().createdBy).toBe(staffId);
  });
});
