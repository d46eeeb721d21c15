import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { OrderCanceled, OrderConfirmed } from '../src/modules/order/contract.ts';
import { ShipmentShipped } from '../src/modules/shipping/contract.ts';
import { queueName } from '../src/platform/bus/bus.ts';
import { eventually, registerCustomer, uniqueEmail, type TestApp } from './helpers/app.ts';
import {
  notificationHelpers,
  order,
  startNotificationTestbed,
  type NotificationTestbed,
} from './helpers/notification.ts';
import type { TestSmtpServer } from './helpers/smtp.ts';

/**
 * The notification module against a real SMTP server: the mails each event causes, their content,
 * one mail per fact however often it is delivered.
 */
describe('notification: mails over SMTP', () => {
  let app: TestApp;
  let smtp: TestSmtpServer;
  let admin: string;
  let probeSent: string;
  let testbed: NotificationTestbed;

  beforeAll(async () => {
    testbed = await startNotificationTestbed();
    ({ app, smtp, admin, probeSent } = testbed);
  });
  afterAll(() => testbed?.stop());

  const { announce, handled, published, messagesFor, detail } = notificationHelpers(() => ({ app, admin }));

  it('welcomes a shopper who registers (through the real register route)', async () => {
    const { email, id } = await registerCustomer(app);
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(email) && m.subject.startsWith('Welcome'));
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
});
