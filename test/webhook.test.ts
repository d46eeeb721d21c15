import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductDeleted } from '../src/modules/product/contract.ts';
import { ShipmentCreated } from '../src/modules/shipping/contract.ts';
import { eventually, publishAs, type TestApp } from './helpers/app.ts';
import { staffToken } from './helpers/staff.ts';
import {
  startWebhookRig,
  verifySignature,
  type FakeNetwork,
  type Receiver,
  type WebhookRig,
} from './helpers/webhook.ts';

/**
 * The webhook module alone, other modules played by publishing their events. Names resolve through a
 * table of the test's and every connection must go to loopback; only `receiver.test` is allowed to.
 */
describe('webhook: registration, signed delivery, rotation', () => {
  let rig: WebhookRig;
  let app: TestApp;
  let receiver: Receiver;
  let net: FakeNetwork;
  let token: string;

  beforeAll(async () => {
    rig = await startWebhookRig({
      names: {
        'loop.test': ['127.0.0.1'],
        'ten.test': ['10.0.0.1'],
        'metadata.test': ['169.254.169.254'],
        'mixed.test': ['93.184.216.34', '10.0.0.1'],
      },
    });
    ({ app, receiver, net, token } = rig);
  }, 120_000);
  afterAll(() => rig?.stop());

  // The connector refuses a non-loopback address by throwing, which the module reports as a failed
  // delivery: this is what makes such an ask fail the test, whichever test made it.
  afterEach(() => expect(net.strayConnects).toEqual([]));

  const url = (path: string) => rig.url(path);
  const register = (body: object, t = token) => app.request('POST', '/admin/webhooks', { token: t, body });
  const endpoint = async (path: string, eventTypes: string[]) => {
    const res = await register({ url: url(path), eventTypes });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; secret: string; contactEmail: string };
  };
  const shipmentCreated = () =>
    publishAs(app, 'shipping', ShipmentCreated, { shipmentId: uuidv7(), orderId: uuidv7() });

  it('refuses loopback, private, link-local and unique-local destinations, by address or by name', async () => {
    for (const bad of [
      'http://127.0.0.1/hook',
      'http://10.0.0.1/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[::ffff:a9fe:a9fe]/hook',
      'http://[fd00::1]/hook',
      'http://[fe80::1]/hook',
      'http://2130706433/hook', // 127.0.0.1 as one number
      'http://loop.test/hook',
      'http://ten.test/hook',
      'http://metadata.test/hook',
      'http://mixed.test/hook', // one public and one private answer
      'http://nowhere.test/hook',
    ]) {
      const res = await register({ url: bad, eventTypes: ['shipment.created.v1'] });
      expect(res.statusCode, `${bad}: ${res.body}`).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail).toMatch(/url refused/);
    }
    expect((await register({ url: 'ftp://receiver.test/x', eventTypes: ['shipment.created.v1'] })).statusCode).toBe(
      400,
    );
    expect((await register({ url: url('/x'), eventTypes: ['order.payment_requested.v1'] })).statusCode).toBe(400);
    expect(net.strayConnects).toEqual([]);
  });

  it('needs webhooks:manage', async () => {
    const other = await staffToken(app, ['orders:read']);
    expect((await register({ url: url('/x'), eventTypes: ['shipment.created.v1'] }, other)).statusCode).toBe(403);
    expect((await app.request('GET', '/admin/webhooks')).statusCode).toBe(401);
  });

  it('delivers each event once per endpoint that wants it, signed per Standard Webhooks', async () => {
    const a = await endpoint('/a', ['shipment.created.v1']);
    const b = await endpoint('/b', ['shipment.created.v1', 'product.deleted.v1']);
    const c = await endpoint('/c', ['product.deleted.v1']);
    expect(a.secret).toMatch(/^whsec_/);
    expect(a.contactEmail).toMatch(/^staff\..*@example\.com$/);
    const event = await shipmentCreated();
    const [ra] = await eventually(async () => receiver.on('/a').length === 1 && receiver.on('/a'));
    const [rb] = await eventually(async () => receiver.on('/b').length === 1 && receiver.on('/b'));
    expect(await verifySignature(a.secret, ra)).toBe(true);
    expect(await verifySignature(b.secret, rb)).toBe(true);
    expect(await verifySignature(b.secret, ra)).toBe(false);
    expect(await verifySignature(a.secret, { ...ra, body: ra.body.replace('shipment', 'shipmenT') })).toBe(false);
    expect(JSON.parse(ra.body)).toEqual({
      id: event.id,
      type: 'shipment.created.v1',
      timestamp: event.occurredAt,
      data: event.payload,
    });
    expect(ra.headers['webhook-id']).not.toBe(rb.headers['webhook-id']);
    expect(ra.headers['content-type']).toBe('application/json');

    // The delivery log: succeeded at the first attempt, with status, latency and the answer's start.
    const log = await eventually(async () => {
      const res = await app.request('GET', `/admin/webhooks/deliveries?endpointId=${a.id}`, { token });
      const items = res.json().items;
      return items[0]?.status === 'succeeded' && items;
    });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ eventId: event.id, attempts: 1, lastStatusCode: 200, lastError: null });
    expect(log[0].id).toBe(ra.headers['webhook-id']);
    const detail = (await app.request('GET', `/admin/webhooks/deliveries/${log[0].id}`, { token })).json();
    expect(detail.attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, outcome: 'succeeded', statusCode: 200, responseExcerpt: 'answer 1' }),
    ]);
    expect(detail.attemptLog[0].latencyMs).toBeGreaterThanOrEqual(0);

    // Nothing more arrives (no duplicate), and /c never heard of it.
    await new Promise((r) => setTimeout(r, 800));
    expect(receiver.on('/a')).toHaveLength(1);
    expect(receiver.on('/c')).toHaveLength(0);
    await publishAs(app, 'product', ProductDeleted, { productId: uuidv7(), version: 2, variantIds: [] });
    await eventually(async () => receiver.on('/c').length === 1);
    expect(await verifySignature(c.secret, receiver.on('/c')[0])).toBe(true);
    expect(net.strayConnects).toEqual([]);
  });

  it('rotates a secret with overlap: both signatures while it lasts, then only the new one', async () => {
    const e = await endpoint('/rotating', ['shipment.created.v1']);
    const rotated = await app.request('POST', `/admin/webhooks/${e.id}/rotate-secret`, {
      token,
      body: { overlapSeconds: 2 },
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { secret } = rotated.json();
    expect(secret).not.toBe(e.secret);
    await shipmentCreated();
    const [during] = await eventually(async () => receiver.on('/rotating').length === 1 && receiver.on('/rotating'));
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(await verifySignature(secret, during)).toBe(true);
    expect(await verifySignature(e.secret, during)).toBe(true);
    await new Promise((r) => setTimeout(r, 2100));
    await shipmentCreated();
    const after = await eventually(async () => receiver.on('/rotating').length === 2 && receiver.on('/rotating')[1]);
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(await verifySignature(secret, after)).toBe(true);
    expect(await verifySignature(e.secret, after)).toBe(false);
    // The secret is never shown again in a read.
    const read = (await app.request('GET', `/admin/webhooks/${e.id}`, { token })).json();
    expect(JSON.stringify(read)).not.toContain(secret.slice(6));
  });

  it('a deleted endpoint gets nothing more; unknown ids are 404', async () => {
    const e = await endpoint('/deleted', ['shipment.created.v1']);
    expect((await app.request('DELETE', `/admin/webhooks/${e.id}`, { token })).statusCode).toBe(204);
    await shipmentCreated();
    await new Promise((r) => setTimeout(r, 1000));
    expect(receiver.on('/deleted')).toHaveLength(0);
    expect((await app.request('GET', `/admin/webhooks/${uuidv7()}`, { token })).statusCode).toBe(404);
    expect((await app.request('POST', `/admin/webhooks/deliveries/${uuidv7()}/redeliver`, { token })).statusCode).toBe(
      404,
    );
  });
});
