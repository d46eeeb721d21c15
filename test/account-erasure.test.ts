import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, registerCustomer, startTestApp, strongPassword, type TestApp } from './helpers/app.ts';
import { address, stockedVariant } from './helpers/shop.ts';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp.ts';

// A customer exports their data, then deletes their account: personal data goes everywhere, orders stay.
describe('data export and account deletion', () => {
  let app: TestApp;
  let smtp: TestSmtpServer;
  let admin: string;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp({ SMTP_URL: smtp.url });
    admin = await adminToken(app);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  it('export holds profile, addresses and sign-ins; deletion erases them, anonymises order and mails, keeps the order', async () => {
    const { variantId, optionId } = await stockedVariant(app, admin, { title: 'Erasable mug', price: 1200, stock: 5 });
    const customer = await registerCustomer(app);
    const token = customer.token;
    await app.request('POST', '/store/me/addresses', { token, body: { ...address, isDefaultShipping: true } });
    const cart = (await app.request('POST', '/store/carts', { token, body: { currency: 'EUR' } })).json();
    await eventually(
      async () =>
        (await app.request('POST', `/store/carts/${cart.id}/items`, { token, body: { variantId, quantity: 1 } }))
          .statusCode === 200,
    );
    const checkout = await app.request('POST', `/store/carts/${cart.id}/checkout`, {
      token,
      headers: { 'idempotency-key': randomUUID(), prefer: 'wait=10' },
      body: {
        shippingAddress: address,
        shippingOptionId: optionId,
        paymentMethod: { provider: 'test', token: 'tok_success' },
      },
    });
    const order = checkout.json().order;
    expect(order.status).toBe('confirmed');
    await smtp.waitFor((m) => m.envelope.to.includes(customer.email) && /order/i.test(m.subject));

    const exported = await app.request('GET', '/store/me/export', { token });
    expect(exported.statusCode).toBe(200);
    expect(exported.json()).toMatchObject({
      profile: { id: customer.id, email: customer.email, firstName: 'Ada' },
      addresses: [{ line1: address.line1, city: address.city }],
      orders: { href: '/store/orders' },
    });
    expect(exported.json().sessions.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(exported.json())).not.toContain(customer.refreshToken.split('.')[1]);

    const wrong = await app.request('DELETE', '/store/me', { token, body: { password: 'Not-my-password-1' } });
    expect(wrong.statusCode).toBe(400);
    expect((await app.request('DELETE', '/store/me', { token, body: { password: strongPassword } })).statusCode).toBe(
      204,
    );

    const login = await app.request('POST', '/store/auth/login', {
      body: { email: customer.email, password: strongPassword },
    });
    expect(login.statusCode).toBe(401);
    expect(
      (await app.request('POST', '/store/auth/refresh', { body: { refreshToken: customer.refreshToken } })).statusCode,
    ).toBe(401);
    for (const table of ['users', 'addresses', 'refresh_tokens', 'account_tokens']) {
      const column = table === 'users' ? 'id' : table === 'account_tokens' ? 'account_id' : 'user_id';
      expect(
        await app.db.query(`select 1 from "user".${table} where ${column} = $1`, [customer.id]),
        table,
      ).toHaveLength(0);
    }
    // The order stays readable by staff, without the person.
    const kept = await eventually(async () => {
      const res = await app.request('GET', `/admin/orders/${order.id}`, { token: admin });
      return res.statusCode === 200 && res.json().email !== customer.email ? res.json() : undefined;
    });
    expect(kept).toMatchObject({
      id: order.id,
      status: 'confirmed',
      shippingAddress: { firstName: 'Erased', line1: '', countryCode: 'DE' },
    });
    expect(JSON.stringify(kept)).not.toContain(address.lastName);
    // The message log forgot the recipient and what was said.
    await eventually(
      async () =>
        (await app.db.query('select 1 from notification.messages where lower(recipient) = lower($1)', [customer.email]))
          .length === 0,
    );
    const erased = await app.db.query(`select body_text from notification.messages where subject_id = $1`, [order.id]);
    expect(erased.length).toBeGreaterThan(0);
    expect(erased.every((m) => m.body_text === '[erased]')).toBe(true);
  });
});
