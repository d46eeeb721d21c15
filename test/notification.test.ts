import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { OrderCanceled, OrderConfirmed } from '../src/modules/order/contract.ts';
import { ShipmentShipped } from '../src/modules/shipping/contract.ts';
import { NotificationFailed, NotificationSent } from '../src/modules/notification/contract.ts';
import { DELIVERY } from '../src/modules/notification/domain/delivery-policy.ts';
import { SendDue } from '../src/modules/notification/use-cases/send-due.ts';
import { queueName } from '../src/platform/bus/bus.ts';
import type { EventDef, PayloadOf } from '../src/platform/bus/event.ts';
import { adminToken, eventually, registerCustomer, startTestApp, uniqueEmail, type TestApp } from './helpers/app.ts';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp.ts';

/**
 * The notification module against a real SMTP server: the mails each event causes, their content,
 * one mail per fact however often it is delivered, retries with backoff, failure, the admin log.
 */
describe('notification: mails over SMTP', () => {
  let app: TestApp;
  let smtp: TestSmtpServer;
  let admin: string;
  let probeSent: string;
  let probeFailed: string;
  const policy = { ...DELIVERY };

  beforeAll(async () => {
    // Three attempts, 1 s then 2 s apart: the failure paths finish within a test.
    DELIVERY.maxAttempts = 3;
    smtp = await startSmtpServer();
    app = await startTestApp({
      MODULES: 'user,notification',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Tessera Shop <shop@tessera.test>',
    });
    admin = await adminToken(app);
    // Subscribers of our own, never worked: what notification publishes stays in their queues to be read.
    probeSent = await app.platform.bus.declare('probe', NotificationSent.name);
    probeFailed = await app.platform.bus.declare('probe', NotificationFailed.name);
  });
  afterAll(async () => {
    Object.assign(DELIVERY, policy);
    await app?.stop();
    await smtp?.close();
  });

  /** Publishes as another module would. */
  const announce = <E extends EventDef>(event: E, payload: PayloadOf<E>, producer: string) =>
    app.platform.orm.em.fork().transactional((em) => app.platform.bus.publish(em, event, payload, { producer }));
  const handled = (eventId: string) =>
    eventually(
      async () => (await app.db.query('select 1 from notification.inbox where event_id = $1', [eventId])).length > 0,
    );
  const published = async (probe: string, messageId: string) =>
    (
      await app.db.query(`select data from pgboss.job where name = $1 and data->'payload'->>'messageId' = $2`, [
        probe,
        messageId,
      ])
    ).map((r) => r.data);
  const log = async (query: string) => {
    const res = await app.request('GET', `/admin/notifications?${query}`, { token: admin });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: any[]; nextCursor: string | null };
  };
  const messagesFor = async (to: string) => (await log(`to=${encodeURIComponent(to)}`)).items;
  const detail = async (id: string) =>
    (await app.request('GET', `/admin/notifications/${id}`, { token: admin })).json();

  let displayNo = 1000;
  const order = (over: Partial<PayloadOf<typeof OrderConfirmed>> = {}): PayloadOf<typeof OrderConfirmed> => ({
    orderId: uuidv7(),
    displayId: `#${++displayNo}`,
    customerId: uuidv7(),
    email: uniqueEmail('buyer'),
    currency: 'EUR',
    lines: [
      {
        lineId: uuidv7(),
        variantId: uuidv7(),
        sku: 'TEE-BLK-M',
        title: 'Black tee',
        quantity: 2,
        unitPrice: 1999,
        discount: 0,
        tax: 0,
        total: 3998,
      },
      {
        lineId: uuidv7(),
        variantId: uuidv7(),
        sku: 'MUG-1',
        title: 'Mug',
        quantity: 1,
        unitPrice: 1250,
        discount: 0,
        tax: 0,
        total: 1250,
      },
    ],
    totals: { subtotal: 5248, discount: 500, shipping: 495, tax: 902, total: 6145 },
    shippingAddress: {
      firstName: 'Ada',
      lastName: 'Lovelace',
      line1: '12 St James Sq',
      city: 'London',
      postalCode: 'SW1Y 4JH',
      countryCode: 'GB',
      phone: null,
    },
    shippingOptionId: uuidv7(),
    paymentId: uuidv7(),
    confirmedAt: new Date().toISOString(),
    ...over,
  });

  it('welcomes a shopper who registers (through the real register route)', async () => {
    const { email, id } = await registerCustomer(app);
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(email));
    expect(mail.subject).toBe('Welcome to Tessera Shop');
    expect(mail.from).toBe('Tessera Shop <shop@tessera.test>');
    expect(mail.envelope.from).toBe('shop@tessera.test');
    expect(mail.text).toContain('Hi Ada,');
    expect(mail.text).toContain(`Your account ${email} is ready`);
    expect(mail.html).toContain('<h1 style="font-size:20px">Welcome to Tessera Shop</h1>');

    const [message] = await eventually(async () => {
      const items = await messagesFor(email);
      return items[0]?.status === 'sent' && items;
    });
    expect(message).toMatchObject({
      channel: 'email',
      template: 'welcome',
      to: email,
      subjectId: id,
      status: 'sent',
      attempts: 1,
      lastError: null,
    });
    expect(message.providerMessageId).toBe(mail.messageId);
    expect(message.providerMessageId).toBe(`<${message.id}@tessera.test>`);
    const [sent] = await eventually(() => published(probeSent, message.id));
    expect(sent.payload).toEqual({
      messageId: message.id,
      channel: 'email',
      template: 'welcome',
      to: email,
      subjectId: id,
    });
  });

  it('mails the order confirmation with its lines, totals as money and the address; HTML escapes a hostile title', async () => {
    const evil = '<script>alert("pwned")</script> & <b>Bold</b>';
    const o = order();
    o.lines[1].title = evil;
    await announce(OrderConfirmed, o, 'order');
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(o.email));

    expect(mail.subject).toBe(`Your order ${o.displayId} is confirmed`);
    expect(mail.text).toContain('Hi Ada,');
    expect(mail.text).toContain('2 × Black tee (TEE-BLK-M) at €19.99: €39.98');
    expect(mail.text).toContain(`1 × ${evil} (MUG-1) at €12.50: €12.50`);
    for (const line of ['Subtotal: €52.48', 'Discount: -€5.00', 'Shipping: €4.95', 'Tax: €9.02', 'Total: €61.45'])
      expect(mail.text).toContain(line);
    expect(mail.text).toContain('  12 St James Sq\n  SW1Y 4JH London\n  United Kingdom');

    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>Bold</b>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &lt;b&gt;Bold&lt;/b&gt;');
    expect(mail.html).toMatch(/Black tee<br>.*TEE-BLK-M.*>2<\/td>.*>€19\.99<\/td>.*>€39\.98<\/td>/);
    expect(mail.html).toContain('<strong>€61.45</strong>');
    expect(mail.html).toContain('Ada Lovelace<br>12 St James Sq<br>SW1Y 4JH London<br>United Kingdom');
  });

  it('formats yen without decimals', async () => {
    const o = order({
      currency: 'JPY',
      lines: [
        {
          lineId: uuidv7(),
          variantId: uuidv7(),
          sku: 'TEA',
          title: 'Sencha',
          quantity: 3,
          unitPrice: 1500,
          discount: 0,
          tax: 0,
          total: 4500,
        },
      ],
      totals: { subtotal: 4500, discount: 0, shipping: 0, tax: 450, total: 4950 },
    });
    await announce(OrderConfirmed, o, 'order');
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(o.email));
    expect(mail.text).toContain('3 × Sencha (TEA) at ¥1,500: ¥4,500');
    expect(mail.text).toContain('Shipping: Free');
    expect(mail.text).toContain('Total: ¥4,950');
    expect(mail.text).not.toContain('Discount');
  });

  it('tells the shopper an order was canceled, with the reason in shopper words', async () => {
    const email = uniqueEmail('canceled');
    const orderId = uuidv7();
    await announce(
      OrderCanceled,
      {
        orderId,
        displayId: '#2001',
        customerId: null,
        email,
        reason: 'payment_timeout',
        reservationId: uuidv7(),
        paymentId: null,
        canceledAt: new Date().toISOString(),
      },
      'order',
    );
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(email));
    expect(mail.subject).toBe('Your order #2001 was canceled');
    expect(mail.text).toContain('We canceled your order #2001 because we did not receive your payment in time.');
    expect(mail.text).not.toContain('payment_timeout');
    expect(mail.html).toContain('because we did not receive your payment in time.');
    const [message] = await messagesFor(email);
    expect(message).toMatchObject({ template: 'order_canceled', subjectId: orderId });
  });

  it('mails the tracking link when the order ships, and texts it when the order has a phone number', async () => {
    const o = order();
    o.shippingAddress.phone = '+44 20 7946 0000';
    await announce(OrderConfirmed, o, 'order');
    await smtp.waitFor((m) => m.envelope.to.includes(o.email) && m.subject.includes('confirmed'));
    const shipmentId = uuidv7();
    const trackingUrl = 'https://track.example.com/parcel?id=JD014600006281&lang=en';
    await announce(
      ShipmentShipped,
      {
        shipmentId,
        orderId: o.orderId,
        carrier: 'DHL',
        trackingNumber: 'JD014600006281',
        trackingUrl,
        shippedAt: new Date().toISOString(),
      },
      'shipping',
    );

    const mail = await smtp.waitFor((m) => m.envelope.to.includes(o.email) && m.subject.includes('on its way'));
    expect(mail.subject).toBe(`Your order ${o.displayId} is on its way`);
    expect(mail.text).toContain(`Good news: your order ${o.displayId} has shipped with DHL.`);
    expect(mail.text).toContain(`Track your parcel: ${trackingUrl}`);
    expect(mail.html).toContain('href="https://track.example.com/parcel?id=JD014600006281&amp;lang=en"');
    expect(mail.html).toContain('Tracking number: <strong>JD014600006281</strong>');

    const sms = await eventually(async () => {
      const [m] = await messagesFor('+442079460000');
      return m?.status === 'sent' && m;
    });
    expect(sms).toMatchObject({
      channel: 'sms',
      template: 'order_shipped_sms',
      subjectId: o.orderId,
      subject: null,
      providerMessageId: `log:${sms.id}`,
    });
    expect((await detail(sms.id)).text).toBe(
      `Tessera Shop: your order ${o.displayId} has shipped with DHL. Track it: ${trackingUrl}`,
    );
  });

  it('a shipment notice that arrives before its order.confirmed waits for it (the bus retries)', async () => {
    const o = order();
    await announce(
      ShipmentShipped,
      {
        shipmentId: uuidv7(),
        orderId: o.orderId,
        carrier: 'UPS',
        trackingNumber: '1Z999',
        trackingUrl: 'https://ups.example/1Z999',
        shippedAt: new Date().toISOString(),
      },
      'shipping',
    );
    await new Promise((r) => setTimeout(r, 300));
    await announce(OrderConfirmed, o, 'order');
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(o.email) && m.subject.includes('on its way'), 15_000);
    expect(mail.text).toContain('https://ups.example/1Z999');
  });

  it('a redelivered or republished event makes no second message', async () => {
    const o = order();
    const first = await announce(OrderConfirmed, o, 'order');
    await handled(first.id);
    // The same envelope again (a redelivery: the inbox stops it) and the same fact in a new envelope (the message key stops it).
    const redelivered = await app.platform.bus.boss.send(queueName('notification', OrderConfirmed.name), first);
    const republished = await announce(OrderConfirmed, o, 'order');
    await handled(republished.id);
    await eventually(
      async () =>
        (await app.db.query(`select state from pgboss.job where id = $1 and state < 'completed'`, [redelivered]))
          .length === 0,
    );
    await smtp.waitFor((m) => m.envelope.to.includes(o.email));
    await new Promise((r) => setTimeout(r, 1_000)); // time for a second mail, were there one

    expect(smtp.to(o.email)).toHaveLength(1);
    const rows = await app.db.query('select id, status from notification.messages where subject_id = $1', [o.orderId]);
    expect(rows).toHaveLength(1);
  });

  it('retries a temporarily refused message with growing waits until the server takes it', async () => {
    const email = uniqueEmail('retry');
    smtp.reject({ to: email, times: 2, code: 451, message: '4.3.0 Mailbox busy, try later' });
    await announce(
      OrderCanceled,
      {
        orderId: uuidv7(),
        displayId: '#3001',
        customerId: null,
        email,
        reason: 'canceled_by_staff',
        reservationId: null,
        paymentId: null,
        canceledAt: new Date().toISOString(),
      },
      'order',
    );
    await smtp.waitFor((m) => m.envelope.to.includes(email), 15_000);

    const tries = smtp.attempts.filter((a) => a.to.includes(email));
    expect(tries.map((a) => a.accepted)).toEqual([false, false, true]);
    // Same message every time (one Message-ID), 1 s then 2 s apart (plus jitter and polling).
    expect(new Set(tries.map((a) => a.messageId)).size).toBe(1);
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(1_000);
    expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(2_000);

    const message = await eventually(async () => {
      const [m] = await messagesFor(email);
      return m?.status === 'sent' && m;
    });
    expect(message).toMatchObject({ attempts: 3, lastError: null, nextAttemptAt: null });
    const { deliveryAttempts } = await detail(message.id);
    expect(deliveryAttempts.map((a: any) => a.outcome)).toEqual(['failed', 'failed', 'sent']);
    expect(deliveryAttempts[0].error).toContain('451');
    expect(await published(probeSent, message.id)).toHaveLength(1);
    expect(await published(probeFailed, message.id)).toHaveLength(0);
  });

  it('gives up after the last attempt: the message is failed and notification.failed is published', async () => {
    const email = uniqueEmail('refused');
    const lift = smtp.reject({ to: email, code: 421, message: '4.7.0 Service unavailable' });
    await announce(
      OrderCanceled,
      {
        orderId: uuidv7(),
        displayId: '#3002',
        customerId: null,
        email,
        reason: 'reservation_failed',
        reservationId: null,
        paymentId: null,
        canceledAt: new Date().toISOString(),
      },
      'order',
    );
    const message = await eventually(async () => {
      const [m] = await messagesFor(email);
      return m?.status === 'failed' && m;
    }, 15_000);
    lift();
    expect(message.attempts).toBe(3);
    expect(message.lastError).toContain('421');
    expect(message.failedAt).not.toBeNull();
    expect(smtp.attempts.filter((a) => a.to.includes(email))).toHaveLength(3);
    const [failed] = await eventually(() => published(probeFailed, message.id));
    expect(failed.payload).toMatchObject({
      messageId: message.id,
      channel: 'email',
      template: 'order_canceled',
      to: email,
    });
    expect(failed.payload.error).toContain('421');
    expect(await published(probeSent, message.id)).toHaveLength(0);
  });

  it('does not retry a permanent refusal (5xx)', async () => {
    const email = uniqueEmail('unknown');
    smtp.reject({ to: email, code: 550, message: '5.1.1 No such user' });
    await registerCustomer(app, email);
    const message = await eventually(async () => {
      const [m] = await messagesFor(email);
      return m?.status === 'failed' && m;
    });
    expect(message.attempts).toBe(1);
    expect(message.lastError).toContain('550');
    expect(smtp.attempts.filter((a) => a.to.includes(email))).toHaveLength(1);
    await eventually(() => published(probeFailed, message.id));
  });

  it('takes over an attempt that never reported back (the process died mid-send) when its lease runs out', async () => {
    /** A message whose attempt `made` started and then nothing: the state a crash after the claim leaves. */
    const lost = async (email: string, made: number) => {
      const id = uuidv7();
      await app.db.query(
        `insert into notification.messages (id, channel, template, recipient, subject_id, subject, body_text, body_html, status, attempts, last_attempt_at)
         values ($1, 'email', 'welcome', $2, $3, 'Lost and found', 'Hello again', null, 'queued', $4, now())`,
        [id, email, uuidv7(), made],
      );
      await app.db.query(
        `insert into notification.attempts (message_id, attempt, outcome) values ($1, $2, 'pending')`,
        [id, made],
      );
      // what the claim booked for when the lease runs out
      await app.platform.orm.em
        .fork()
        .transactional((em) =>
          app.platform.bus.schedule(
            em,
            SendDue,
            { messageId: id, attempt: made + 1 },
            { startAfter: new Date(), key: `${id}:${made + 1}:lease` },
          ),
        );
      return id;
    };

    const email = uniqueEmail('lost');
    const id = await lost(email, 1);
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(email));
    expect(mail.subject).toBe('Lost and found');
    const message = await eventually(async () => {
      const d = await detail(id);
      return d.status === 'sent' && d;
    });
    expect(message.attempts).toBe(2);
    expect(message.deliveryAttempts.map((a: any) => a.outcome)).toEqual(['interrupted', 'sent']);

    // the last attempt lost: nothing is left to try, the message fails
    const last = await lost(uniqueEmail('lost-last'), DELIVERY.maxAttempts);
    const failed = await eventually(async () => {
      const d = await detail(last);
      return d.status === 'failed' && d;
    });
    expect(failed.lastError).toBe('the last delivery attempt was interrupted');
    expect(failed.deliveryAttempts.map((a: any) => a.outcome)).toEqual(['interrupted']);
    await eventually(() => published(probeFailed, last));
  });

  it("never mails a recipient list smuggled into an order's email: the message fails without a send", async () => {
    const orderId = uuidv7();
    const smuggled = 'shopper@example.com, victim@example.com';
    await announce(
      OrderCanceled,
      {
        orderId,
        displayId: '#3003',
        customerId: null,
        email: smuggled,
        reason: 'x',
        reservationId: null,
        paymentId: null,
        canceledAt: new Date().toISOString(),
      },
      'order',
    );
    const message = await eventually(async () => {
      const [m] = (await log(`subjectId=${orderId}`)).items;
      return m?.status === 'failed' && m;
    });
    expect(message).toMatchObject({ attempts: 1, to: smuggled });
    expect(message.lastError).toContain('invalid recipient address');
    expect(smtp.attempts.filter((a) => a.to.some((t) => t.includes('victim')))).toEqual([]);
  });

  it('lists the log for staff with filters and keyset pages, shows one message, and resends', async () => {
    const email = uniqueEmail('admin-log');
    const lift = smtp.reject({ to: email, code: 554, message: '5.7.1 Rejected' });
    const { id: userId } = await registerCustomer(app, email);
    const failed = await eventually(async () => {
      const [m] = await messagesFor(email);
      return m?.status === 'failed' && m;
    });

    // filters
    expect((await log('status=failed&template=welcome')).items.map((m) => m.id)).toContain(failed.id);
    expect((await log('status=sent')).items.map((m) => m.id)).not.toContain(failed.id);
    expect((await log(`subjectId=${userId}`)).items.map((m) => m.id)).toEqual([failed.id]);
    expect((await log(`to=${encodeURIComponent(email.toUpperCase())}`)).items.map((m) => m.id)).toEqual([failed.id]);
    // keyset pages: newest first, no overlap, all of them
    const all = (await log('limit=100')).items.map((m) => m.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: any[]; nextCursor: string | null } = await log(
        `limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect([...all].sort().reverse()).toEqual(all);

    const one = await detail(failed.id);
    expect(one).toMatchObject({ id: failed.id, status: 'failed', subject: 'Welcome to Tessera Shop' });
    expect(one.text).toContain('Hi Ada,');
    expect(one.html).toContain('<!doctype html>');
    expect(one.deliveryAttempts).toEqual([
      expect.objectContaining({ attempt: 1, outcome: 'failed', error: expect.stringContaining('554') }),
    ]);

    // resend once the address works again: a new message that points back; the original stays failed
    lift();
    const res = await app.request('POST', `/admin/notifications/${failed.id}/resend`, { token: admin });
    expect(res.statusCode, res.body).toBe(202);
    const copy = res.json();
    expect(copy).toMatchObject({
      status: 'queued',
      resendOf: failed.id,
      template: 'welcome',
      to: email,
      subjectId: userId,
      attempts: 0,
    });
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(email));
    expect(mail.messageId).toBe(`<${copy.id}@tessera.test>`);
    await eventually(async () => (await detail(copy.id)).status === 'sent');
    expect((await detail(failed.id)).status).toBe('failed');

    // bad requests
    expect((await app.request('POST', `/admin/notifications/${uuidv7()}/resend`, { token: admin })).statusCode).toBe(
      404,
    );
    expect((await app.request('GET', `/admin/notifications/${uuidv7()}`, { token: admin })).statusCode).toBe(404);
    const bad = await app.request('GET', '/admin/notifications?status=lost', { token: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await app.request('GET', '/admin/notifications?limit=0', { token: admin })).statusCode).toBe(400);
    expect((await app.request('GET', '/admin/notifications')).statusCode).toBe(401);
    const shopper = await registerCustomer(app);
    expect((await app.request('GET', '/admin/notifications', { token: shopper.token })).statusCode).toBe(403);
  });

  it('refuses to resend a message that is still being delivered', async () => {
    const email = uniqueEmail('in-flight');
    const lift = smtp.reject({ to: email, code: 451 });
    await registerCustomer(app, email);
    const queued = await eventually(async () => {
      const [m] = await messagesFor(email);
      return m?.status === 'queued' && m.attempts >= 1 && m;
    });
    const res = await app.request('POST', `/admin/notifications/${queued.id}/resend`, { token: admin });
    expect(res.statusCode, res.body).toBe(409);
    lift();
    await smtp.waitFor((m) => m.envelope.to.includes(email), 15_000);
  });
});
