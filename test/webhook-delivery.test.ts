import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ShipmentCreated, ShipmentDelivered } from '../src/modules/shipping/contract.ts';
import { POLICY } from '../src/modules/webhook/domain/policy.ts';
import { eventually, publishAs, type TestApp } from './helpers/app.ts';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp.ts';
import { staffToken } from './helpers/staff.ts';
import { startWebhookRig, type FakeNetwork, type Receiver, type WebhookRig } from './helpers/webhook.ts';

/**
 * Failures: retries after 500s and timeouts with growing delays, disabling after the limit with a
 * mail to staff (the notification module, over real SMTP), redelivery, a name that turns private
 * after registration, the circuit breaker, and a slow receiver that must not hold up the others.
 */
describe('webhook: retries, disabling, rebinding, isolation', () => {
  let rig: WebhookRig;
  let app: TestApp;
  let receiver: Receiver;
  let smtp: TestSmtpServer;
  let net: FakeNetwork;
  let token: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    rig = await startWebhookRig({ modules: 'user,notification,webhook', config: { SMTP_URL: smtp.url } });
    ({ app, receiver, net, token } = rig);
  }, 120_000);
  afterAll(async () => {
    await rig?.stop();
    await smtp?.close();
  });

  // The connector refuses a non-loopback address by throwing, which the module reports as a failed
  // delivery: this is what makes such an ask fail the test, whichever test made it.
  afterEach(() => expect(net.strayConnects).toEqual([]));

  const endpoint = async (url: string, extra: object = {}) => {
    const res = await app.request('POST', '/admin/webhooks', {
      token,
      body: { url, eventTypes: ['shipment.created.v1'], ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; secret: string };
  };
  const at = (path: string) => rig.url(path);
  const shipmentCreated = () =>
    publishAs(app, 'shipping', ShipmentCreated, { shipmentId: uuidv7(), orderId: uuidv7() });
  const deliveries = async (endpointId: string) =>
    (await app.request('GET', `/admin/webhooks/deliveries?endpointId=${endpointId}`, { token })).json().items;
  const detail = async (id: string) => (await app.request('GET', `/admin/webhooks/deliveries/${id}`, { token })).json();

  it('retries after 500s with growing delays, then succeeds; the log keeps every answer', async () => {
    // (delays well above the bus's 0.5 s poll, so the growth shows through its jitter)
    const saved = { ...POLICY };
    Object.assign(POLICY, { retryBaseMs: 800, retryFactor: 3 });
    onTestFinished(() => void Object.assign(POLICY, saved));
    const e = await endpoint(at('/flaky'));
    receiver.behave('/flaky', (n) => (n < 3 ? { status: 500, body: `boom ${n}` } : { status: 204 }));
    await shipmentCreated();
    const [d] = await eventually(async () => {
      const items = await deliveries(e.id);
      return items[0]?.status === 'succeeded' && items;
    });
    const hits = receiver.on('/flaky');
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((h) => h.headers['webhook-id']))).toEqual(new Set([d.id]));
    const gap1 = hits[1].at - hits[0].at;
    const gap2 = hits[2].at - hits[1].at;
    expect(gap1).toBeGreaterThanOrEqual(POLICY.retryBaseMs);
    expect(gap2).toBeGreaterThanOrEqual(POLICY.retryBaseMs * POLICY.retryFactor);
    expect(gap2).toBeGreaterThan(gap1);
    const log = (await detail(d.id)).attemptLog;
    expect(log.map((a: any) => [a.attempt, a.outcome, a.statusCode, a.responseExcerpt])).toEqual([
      [1, 'failed', 500, 'boom 1'],
      [2, 'failed', 500, 'boom 2'],
      [3, 'succeeded', 204, ''],
    ]);
  });

  it('retries after timeouts with growing delays (each request is cut at the limit)', async () => {
    const saved = { ...POLICY };
    Object.assign(POLICY, { retryBaseMs: 800, retryFactor: 3 });
    onTestFinished(() => void Object.assign(POLICY, saved));
    const e = await endpoint(at('/sleepy'));
    receiver.behave('/sleepy', (n) => (n < 3 ? { status: 200, delayMs: POLICY.timeoutMs + 1500 } : { status: 200 }));
    await shipmentCreated();
    const [d] = await eventually(async () => {
      const items = await deliveries(e.id);
      return items[0]?.status === 'succeeded' && items;
    });
    const log = (await detail(d.id)).attemptLog;
    expect(log.map((a: any) => a.outcome)).toEqual(['failed', 'failed', 'succeeded']);
    for (const a of log.slice(0, 2)) {
      expect(a).toMatchObject({ statusCode: null });
      expect(a.error).toMatch(/timed out/);
      expect(a.latencyMs).toBeGreaterThanOrEqual(POLICY.timeoutMs);
      expect(a.latencyMs).toBeLessThan(POLICY.timeoutMs + 1500);
    }
    // A retry waits its delay after the attempt was cut: 800 ms, then 2.4 s.
    const hits = receiver.on('/sleepy');
    expect(hits).toHaveLength(3);
    const [gap1, gap2] = [hits[1].at - hits[0].at, hits[2].at - hits[1].at];
    expect(gap1).toBeGreaterThanOrEqual(POLICY.timeoutMs + POLICY.retryBaseMs);
    expect(gap2).toBeGreaterThanOrEqual(POLICY.timeoutMs + POLICY.retryBaseMs * POLICY.retryFactor);
    expect(gap2).toBeGreaterThan(gap1);
  });

  it('cuts an answer at the size limit instead of reading it until the timeout', async () => {
    const e = await endpoint(at('/endless'));
    receiver.behave('/endless', () => ({ status: 200, endless: true }));
    await shipmentCreated();
    const [d] = await eventually(async () => {
      const items = await deliveries(e.id);
      return items[0]?.status === 'succeeded' && items;
    });
    const [a] = (await detail(d.id)).attemptLog;
    expect(a.responseExcerpt).toHaveLength(POLICY.excerptChars);
    expect(a.latencyMs).toBeLessThan(POLICY.timeoutMs);
  });

  it('gives up after the limit, disables the endpoint and mails its contact; redelivery once enabled', async () => {
    const contact = `ops.${Date.now()}@example.com`;
    const e = await endpoint(at('/down'), { contactEmail: contact });
    receiver.behave('/down', () => ({ status: 503 }));
    await shipmentCreated();
    const [d] = await eventually(async () => {
      const items = await deliveries(e.id);
      return items[0]?.status === 'failed' && items;
    });
    expect(d.attempts).toBe(POLICY.maxAttempts);
    expect(receiver.on('/down')).toHaveLength(POLICY.maxAttempts);
    const read = (await app.request('GET', `/admin/webhooks/${e.id}`, { token })).json();
    expect(read).toMatchObject({ enabled: false, consecutiveFailures: POLICY.disableAfter });
    expect(read.disabledReason).toMatch(/failed attempts in a row/);
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(contact));
    expect(mail.subject).toContain('Webhook endpoint disabled');
    expect(mail.text).toContain(at('/down'));
    expect(mail.text).toContain('HTTP 503');

    // Disabled: a new event makes no delivery for it; a redelivery is refused until it is enabled.
    await shipmentCreated();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await deliveries(e.id)).toHaveLength(1);
    const refused = await app.request('POST', `/admin/webhooks/deliveries/${d.id}/redeliver`, { token });
    expect(refused.statusCode).toBe(409);
    receiver.behave('/down', () => ({ status: 200 }));
    const enabled = await app.request('PATCH', `/admin/webhooks/${e.id}`, { token, body: { enabled: true } });
    expect(enabled.json()).toMatchObject({ enabled: true, consecutiveFailures: 0 });
    const again = await app.request('POST', `/admin/webhooks/deliveries/${d.id}/redeliver`, { token });
    expect(again.statusCode, again.body).toBe(202);
    await eventually(async () => (await deliveries(e.id))[0]?.status === 'succeeded');
    const last = receiver.on('/down').at(-1)!;
    expect(last.headers['webhook-id']).toBe(d.id);
    expect((await detail(d.id)).attemptLog).toHaveLength(POLICY.maxAttempts + 1);
  });

  it('refuses a delivery whose name resolves to a private address by then (DNS rebinding), without connecting', async () => {
    net.names.set('rebind.test', ['93.184.216.34']);
    const e = await endpoint('http://rebind.test/hook');
    net.names.set('rebind.test', ['10.0.0.1']);
    await shipmentCreated();
    const [d] = await eventually(async () => {
      const items = await deliveries(e.id);
      return items[0]?.status === 'failed' && items;
    });
    const log = (await detail(d.id)).attemptLog;
    expect(log[0].error).toMatch(/non-public address \(10\.0\.0\.1\)/);
    expect(net.connects.filter((c) => c.servername === 'rebind.test')).toEqual([]);
    expect(net.strayConnects).toEqual([]);
  });

  it('opens the circuit after failures in a row: deliveries wait instead of hammering', async () => {
    const saved = { ...POLICY };
    Object.assign(POLICY, { breakerThreshold: 1, breakerCooldownMs: 3000, disableAfter: 100, maxAttempts: 5 });
    try {
      const e = await endpoint(at('/tripping'));
      receiver.behave('/tripping', (n) => (n === 1 ? { status: 500 } : { status: 200 }));
      await shipmentCreated();
      await eventually(async () => receiver.on('/tripping').length === 1);
      await eventually(
        async () => (await app.request('GET', `/admin/webhooks/${e.id}`, { token })).json().circuitOpenUntil !== null,
      );
      await eventually(async () => (await deliveries(e.id))[0]?.status === 'succeeded', 15_000);
      const hits = receiver.on('/tripping');
      expect(hits).toHaveLength(2);
      // The retry (due after 300 ms) waited for the circuit to half-open.
      expect(hits[1].at - hits[0].at).toBeGreaterThanOrEqual(2500);
    } finally {
      Object.assign(POLICY, saved);
    }
  });

  it('a slow receiver does not delay other endpoints', async () => {
    const saved = { ...POLICY };
    Object.assign(POLICY, { timeoutMs: 8000 });
    try {
      // An event no other endpoint of this file wants: the earlier tests' endpoints (retrying,
      // timing out) get none of it, so the fast endpoint shares the process with the slow one only.
      const delivered = { eventTypes: ['shipment.delivered.v1'] };
      await endpoint(at('/slow'), delivered);
      await endpoint(at('/fast'), delivered);
      receiver.behave('/slow', () => ({ status: 200, delayMs: 4000 }));
      for (let i = 0; i < 6; i++)
        await publishAs(app, 'shipping', ShipmentDelivered, {
          shipmentId: uuidv7(),
          orderId: uuidv7(),
          deliveredAt: new Date().toISOString(),
        });
      await eventually(async () => receiver.on('/fast').length === 6);
      // The slow one is still working through its backlog (two at a time, 4 s each): had the fast
      // endpoint waited behind it, the slow one would have taken at least five by now. (An order,
      // not a wall-clock limit, so a loaded machine cannot fail it.)
      expect(receiver.on('/slow').length).toBeLessThanOrEqual(4);
      await eventually(async () => receiver.on('/slow').length === 6, 30_000);
    } finally {
      Object.assign(POLICY, saved);
    }
  });
});
