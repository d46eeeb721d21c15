// Request limits on carts, cart lines, checkout, search and the password flows: per address, per
// account, on Redis and in-process; X-Forwarded-For believed only from a trusted proxy.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCustomer, startTestApp, strongPassword, type TestApp } from './helpers/app.ts';
import { address } from './helpers/shop.ts';

const backends: [string, string | undefined][] = [['in-process', undefined]];
if (process.env.REDIS_URL) backends.push(['Redis', process.env.REDIS_URL]);

const PROXY = '10.0.0.1';
let n = 0;
const ip = () => `198.51.100.${++n}`;

/** The codes of `count` requests made one after the other. */
async function codes(count: number, send: () => Promise<LightMyRequestResponse>) {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push((await send()).statusCode);
  return out;
}

function expectLimited(res: LightMyRequestResponse, max: number) {
  expect(res.statusCode).toBe(429);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.headers['ratelimit-limit']).toBe(String(max));
  expect(res.headers['ratelimit-remaining']).toBe('0');
  expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
}

describe.each(backends)('rate limits (%s)', (_name, redisUrl) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      REDIS_URL: redisUrl,
      AUTH_RATE_LIMIT_MAX: 3, // pair 3, address 15, account backstop 30 (per 15 min)
      RATE_LIMITS:
        'cart.ip=3/60,cart.account=2/60,cart-line.ip=3/60,cart-line.account=2/60,checkout.*=2/60,search.ip=3/60',
      TRUST_PROXY: PROXY,
    });
  }, 60_000);
  afterAll(() => app?.stop());

  const newCart = (from: string, token?: string) =>
    app.request('POST', '/store/carts', { body: { currency: 'EUR' }, remoteAddress: from, token });
  const addLine = (from: string, token?: string) =>
    app.request('POST', `/store/carts/${randomUUID()}/items`, {
      body: { variantId: randomUUID(), quantity: 1 },
      remoteAddress: from,
      token,
    });
  const checkout = (from: string, token?: string) =>
    app.request('POST', `/store/carts/${randomUUID()}/checkout`, {
      headers: { 'idempotency-key': randomUUID() },
      body: { shippingAddress: address, shippingOptionId: randomUUID(), paymentMethod: { provider: 'stripe' } },
      remoteAddress: from,
      token,
    });

  it('limits carts, cart lines and checkouts per address, with RateLimit headers on every answer', async () => {
    expect(app.platform.cache.kind).toBe(redisUrl ? 'redis' : 'memory');
    for (const [send, max] of [
      [newCart, 3],
      [addLine, 3],
      [checkout, 2],
    ] as const) {
      const from = ip();
      const first = await send(from);
      expect(first.headers['ratelimit-limit']).toBe(String(max));
      expect(first.headers['ratelimit-remaining']).toBe(String(max - 1));
      await codes(max - 1, () => send(from));
      expectLimited(await send(from), max);
      expect((await send(ip())).statusCode).not.toBe(429); // another address is not affected
    }
  });

  it('limits carts, cart lines and checkouts per account across addresses', async () => {
    for (const send of [newCart, addLine, checkout]) {
      const { token } = await registerCustomer(app);
      await codes(2, () => send(ip(), token));
      expectLimited(await send(ip(), token), 2);
      expect((await send(ip())).statusCode).not.toBe(429); // a guest from elsewhere is not affected
      // From one address, too (the account's budget is the smaller one here).
      const other = (await registerCustomer(app)).token;
      const from = ip();
      await codes(2, () => send(from, other));
      expectLimited(await send(from, other), 2);
    }
  });

  it('limits searches, not plain listings', async () => {
    const from = ip();
    const search = () => app.request('GET', '/store/products?q=shirt', { remoteAddress: from });
    expect(await codes(3, search)).toEqual([200, 200, 200]);
    expectLimited(await search(), 3);
    expect((await app.request('GET', '/store/products', { remoteAddress: from })).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For from an untrusted hop and honours it from TRUST_PROXY', async () => {
    const from = ip();
    const forged = () => newCart(from).then(() => undefined);
    for (let i = 0; i < 3; i++) await forged();
    const spoofed = await app.request('POST', '/store/carts', {
      body: { currency: 'EUR' },
      remoteAddress: from,
      headers: { 'x-forwarded-for': ip() },
    });
    expect(spoofed.statusCode).toBe(429); // a made-up address changes nothing
    const viaProxy = (client: string) =>
      app.request('POST', '/store/carts', {
        body: { currency: 'EUR' },
        remoteAddress: PROXY,
        headers: { 'x-forwarded-for': client },
      });
    const client = ip();
    expect(await codes(3, () => viaProxy(client))).toEqual([201, 201, 201]);
    expect((await viaProxy(client)).statusCode).toBe(429); // the client behind the proxy is counted
    expect((await viaProxy(ip())).statusCode).toBe(201); // and not the proxy itself
  });

  it("limits login guesses per account and address; a stranger's guesses do not lock the owner out", async () => {
    const owner = await registerCustomer(app);
    const home = ip();
    const login = (password: string, from: string) =>
      app.request('POST', '/store/auth/login', { body: { email: owner.email, password }, remoteAddress: from });
    expect((await login(strongPassword, home)).statusCode).toBe(200);
    // One address guessing: 3 tries, then 429.
    const stranger = ip();
    expect(await codes(3, () => login('Wrong-password-1', stranger))).toEqual([401, 401, 401]);
    expectLimited(await login('Wrong-password-1', stranger), 3);
    // Many addresses guessing: past the account's backstop (30) the strangers get 429s...
    const spread = await codes(40, () => login('Wrong-password-1', ip()));
    expect(spread.filter((c) => c === 429).length).toBeGreaterThanOrEqual(10);
    // ...and the owner still signs in from home.
    expect((await login(strongPassword, home)).statusCode).toBe(200);
  });

  it('keeps the staff owner signing in while a stranger guesses the password', async () => {
    const login = (password: string, from: string) =>
      app.request('POST', '/admin/auth/login', {
        body: { email: 'admin@example.com', password },
        remoteAddress: from,
      });
    const office = ip();
    expect((await login('Admin-password-1', office)).statusCode).toBe(200);
    const stranger = ip();
    expect(await codes(3, () => login('Wrong-password-1', stranger))).toEqual([401, 401, 401]);
    expectLimited(await login('Admin-password-1', stranger), 3); // even the right password, from there
    await codes(35, () => login('Wrong-password-1', ip()));
    expect((await login('Admin-password-1', office)).statusCode).toBe(200);
  });

  it('limits registrations and logins per address across emails', async () => {
    const from = ip();
    const register = () =>
      app.request('POST', '/store/auth/register', {
        body: { email: `${randomUUID()}@example.com`, password: 'short' },
        remoteAddress: from,
      });
    expect((await codes(15, register)).every((c) => c === 400)).toBe(true);
    expectLimited(await register(), 15);
    const other = ip();
    const login = () =>
      app.request('POST', '/store/auth/login', {
        body: { email: `${randomUUID()}@example.com`, password: 'Wrong-password-1' },
        remoteAddress: other,
      });
    expect((await codes(15, login)).every((c) => c === 401)).toBe(true);
    expectLimited(await login(), 15);
  });
});
