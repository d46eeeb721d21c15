import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminToken,
  registerCustomer,
  startTestApp,
  strongPassword,
  uniqueEmail,
  type TestApp,
} from './helpers/app.ts';

const address = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  line1: '12 St James Sq',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  countryCode: 'GB',
};

describe('user module over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.stop());

  it('a customer registers, logs in and reads and updates /store/me', async () => {
    const email = uniqueEmail();
    expect(
      (
        await app.request('POST', '/store/auth/register', {
          body: { email, password: strongPassword, firstName: 'Ada', lastName: 'L' },
        })
      ).statusCode,
    ).toBe(202);
    const login = await app.request('POST', '/store/auth/login', { body: { email, password: strongPassword } });
    const token = login.json().accessToken;
    const me = await app.request('GET', '/store/me', { token });
    expect(me.json()).toMatchObject({ email, firstName: 'Ada', lastName: 'L', role: 'customer' });
    const patched = await app.request('PATCH', '/store/me', {
      token,
      body: { phone: '+44 20 7946 0000', lastName: null },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ phone: '+44 20 7946 0000', lastName: null });
  });

  it('address book: create, list, read, change, delete; one default shipping address', async () => {
    const { token } = await registerCustomer(app);
    const a = (
      await app.request('POST', '/store/me/addresses', { token, body: { ...address, isDefaultShipping: true } })
    ).json();
    const b = await app.request('POST', '/store/me/addresses', {
      token,
      body: { ...address, line1: '1 Other St', isDefaultShipping: true },
    });
    expect(b.statusCode).toBe(201);
    const list = (await app.request('GET', '/store/me/addresses', { token })).json().items;
    expect(list).toHaveLength(2);
    expect(list.filter((x: any) => x.isDefaultShipping).map((x: any) => x.id)).toEqual([b.json().id]);
    const changed = await app.request('PATCH', `/store/me/addresses/${a.id}`, { token, body: { city: 'Bath' } });
    expect(changed.json()).toMatchObject({ id: a.id, city: 'Bath', line1: address.line1 });
    expect((await app.request('DELETE', `/store/me/addresses/${a.id}`, { token })).statusCode).toBe(204);
    expect((await app.request('GET', `/store/me/addresses/${a.id}`, { token })).statusCode).toBe(404);
  });

  it("customer B can neither read, change nor delete customer A's address (404, and nothing changes)", async () => {
    const alice = await registerCustomer(app);
    const bob = await registerCustomer(app);
    const addr = (await app.request('POST', '/store/me/addresses', { token: alice.token, body: address })).json();
    const url = `/store/me/addresses/${addr.id}`;
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { city: 'Hacked' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await app.request(method, url, { token: bob.token, body });
      expect(res.statusCode, method).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await app.request('GET', '/store/me/addresses', { token: bob.token })).json().items).toHaveLength(0);
    expect((await app.request('GET', url, { token: alice.token })).json().city).toBe('London');
  });

  it('staff list and search customers with a stable cursor; admins are not in the list', async () => {
    const admin = await adminToken(app);
    const tag = `zz${Date.now().toString(36)}`;
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await registerCustomer(app, uniqueEmail(tag)));
    const page1 = (await app.request('GET', `/admin/customers?q=${tag}&limit=2`, { token: admin })).json();
    expect(page1.items.map((c: any) => c.id)).toEqual([made[2].id, made[1].id]);
    const page2 = (
      await app.request('GET', `/admin/customers?q=${tag}&limit=2&cursor=${page1.nextCursor}`, { token: admin })
    ).json();
    expect(page2.items.map((c: any) => c.id)).toEqual([made[0].id]);
    expect(page2.nextCursor).toBeNull();
    const all = (await app.request('GET', '/admin/customers?limit=100', { token: admin })).json();
    expect(all.items.some((c: any) => c.role === 'admin')).toBe(false);
    expect((await app.request('GET', `/admin/customers/${made[0].id}`, { token: admin })).json().email).toBe(
      made[0].email,
    );
    // LIKE wildcards in q are literal, not patterns.
    expect((await app.request('GET', '/admin/customers?q=%25', { token: admin })).json().items).toHaveLength(0);
  });
});

describe('bad input changes nothing', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.stop());

  const countUsers = async () => Number((await app.db.query('select count(*) from "user".users'))[0].count);

  it('malformed JSON is a 400 problem', async () => {
    const res = await app.request('POST', '/store/auth/register', { payload: '{"email": "a@b.co", "password": ' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(res.json().detail).toMatch(/JSON/i);
  });

  it('wrong types are a 400 naming the field (no coercion of JSON bodies)', async () => {
    const before = await countUsers();
    const res = await app.request('POST', '/store/auth/register', {
      body: { email: uniqueEmail(), password: 1234567890123 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'password' });
    const { token } = await registerCustomer(app);
    const patch = await app.request('PATCH', '/store/me', { token, body: { firstName: 42 } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().detail).toMatch(/firstName/);
    expect(await countUsers()).toBe(before + 1);
  });

  it('mass assignment: role, id or timestamps in a body are rejected and never stored', async () => {
    const email = uniqueEmail();
    const res = await app.request('POST', '/store/auth/register', {
      body: { email, password: strongPassword, role: 'admin' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toEqual({ field: 'role', message: 'is not an allowed property' });
    expect(await app.db.query('select 1 from "user".users where email = $1', [email])).toHaveLength(0);
    const { token, id } = await registerCustomer(app);
    for (const body of [
      { role: 'admin' },
      { id: '00000000-0000-7000-8000-000000000000' },
      { createdAt: '2000-01-01T00:00:00Z' },
      { email: 'new@example.com' },
    ]) {
      expect((await app.request('PATCH', '/store/me', { token, body })).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await app.db.query('select 1 from "user".users where id = $1', [id])).toHaveLength(1);
    expect(await app.db.query('select 1 from "user".staff_members where id = $1', [id])).toHaveLength(0);
    const addr = await app.request('POST', '/store/me/addresses', {
      token,
      body: { ...address, userId: '00000000-0000-7000-8000-000000000000' },
    });
    expect(addr.statusCode).toBe(400);
  });

  it('a body over 1 MiB is a 413 problem', async () => {
    const res = await app.request('POST', '/store/auth/register', {
      payload: JSON.stringify({ email: uniqueEmail(), password: 'x'.repeat(1_100_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('oversized strings are a 400', async () => {
    const { token } = await registerCustomer(app);
    expect((await app.request('PATCH', '/store/me', { token, body: { firstName: 'x'.repeat(101) } })).statusCode).toBe(
      400,
    );
    expect(
      (await app.request('POST', '/store/me/addresses', { token, body: { ...address, line1: 'y'.repeat(201) } }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await app.request('POST', '/store/auth/register', {
          body: { email: `${'a'.repeat(250)}@example.com`, password: strongPassword },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('oversized arrays and page sizes are a 400', async () => {
    const admin = await adminToken(app);
    const page = await app.request('GET', '/admin/customers?limit=100000', { token: admin });
    expect(page.statusCode).toBe(400);
    expect(page.json().detail).toMatch(/limit/);
    const arrayBody = await app.request('PATCH', '/store/me', {
      token: (await registerCustomer(app)).token,
      body: [{ firstName: 'a' }],
    });
    expect(arrayBody.statusCode).toBe(400);
  });

  it('unknown routes and bad ids are 404/400 problems, not 500s', async () => {
    const { token } = await registerCustomer(app);
    expect((await app.request('GET', '/store/nope')).statusCode).toBe(404);
    const badId = await app.request('GET', '/store/me/addresses/not-a-uuid', { token });
    expect(badId.statusCode).toBe(400);
    expect(badId.headers['content-type']).toContain('application/problem+json');
  });
});
