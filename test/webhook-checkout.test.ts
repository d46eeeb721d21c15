import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductDeleted } from '../src/modules/product/contract.ts';
import { adminToken, eventually, publishAs, type TestApp } from './helpers/app.ts';
import { checkoutAndWait, guestCart, stockedVariant } from './helpers/shop.ts';
import {
  startWebhookRig,
  verifySignature,
  type FakeNetwork,
  type Receiver,
  type WebhookRig,
} from './helpers/webhook.ts';

/**
 * Every module hosted: a real checkout's events reach a receiver signed, while
 * four receivers that take 6 s per request (more requests than the bus has worker slots) do not slow
 * the checkout down.
 */
describe('webhook: the real checkout flow', () => {
  let rig: WebhookRig;
  let app: TestApp;
  let receiver: Receiver;
  let net: FakeNetwork;

  beforeAll(async () => {
    rig = await startWebhookRig({ modules: 'all', policy: { timeoutMs: 10_000 } });
    ({ app, receiver, net } = rig);
  }, 120_000);
  afterAll(() => rig?.stop());

  // The connector refuses a non-loopback address by throwing, which the module reports as a failed
  // delivery: this is what makes such an ask fail the test, whichever test made it.
  afterEach(() => expect(net.strayConnects).toEqual([]));

  it('a checkout is not held up by slow receivers; its events arrive signed', async () => {
    const admin = await adminToken(app);
    const { token } = rig;
    const events = ['order.placed.v1', 'order.confirmed.v1', 'payment.authorized.v1', 'shipment.created.v1'];
    const register = async (path: string, eventTypes = events) => {
      const res = await app.request('POST', '/admin/webhooks', {
        token,
        body: { url: rig.url(path), eventTypes },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().secret as string;
    };
    const secret = await register('/fast');
    for (const i of [1, 2, 3, 4]) {
      await register(`/slow${i}`, [...events, 'product.deleted.v1']);
      receiver.behave(`/slow${i}`, () => ({ status: 200, delayMs: 6000 }));
    }
    const { variantId, optionId } = await stockedVariant(app, admin, {
      title: 'Hooked kettle',
      price: 2500,
      stock: 10,
    });
    const cartId = await guestCart(app, variantId, 1);
    // Every slow receiver busy before the checkout starts: one request each, 6 s long.
    await publishAs(app, 'product', ProductDeleted, { productId: uuidv7(), version: 2, variantIds: [] });
    await eventually(async () => [1, 2, 3, 4].every((i) => receiver.on(`/slow${i}`).length === 1));

    const started = Date.now();
    const res = await checkoutAndWait(app, cartId, optionId, { provider: 'test', token: 'tok_success' });
    const took = Date.now() - started;
    console.log(`checkout with four 6 s receivers settled in ${took} ms`);
    expect(res.statusCode, res.body).toBe(200);
    const order = res.json().order;
    expect(order.status).toBe('confirmed');
    // The slow receivers' first requests (6 s each) are still open: the saga did not wait for them.
    expect(took).toBeLessThan(5000);

    const got = await eventually(async () => {
      const mine = receiver.on('/fast').filter((r) => JSON.parse(r.body).data.orderId === order.id);
      return mine.length >= 4 && mine;
    }, 15_000);
    for (const r of got) expect(await verifySignature(secret, r)).toBe(true);
    expect(new Set(got.map((r) => JSON.parse(r.body).type))).toEqual(new Set(events));
  });
});
