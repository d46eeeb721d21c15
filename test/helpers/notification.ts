import { expect } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { OrderConfirmed } from '../../src/modules/order/contract.ts';
import { NotificationFailed, NotificationSent } from '../../src/modules/notification/contract.ts';
import { DELIVERY } from '../../src/modules/notification/domain/delivery-policy.ts';
import type { EventDef, PayloadOf } from '../../src/platform/bus/event.ts';
import { adminToken, eventually, startTestApp, uniqueEmail, type TestApp } from './app.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp.ts';

export interface NotificationTestbed {
  app: TestApp;
  smtp: TestSmtpServer;
  admin: string;
  probeSent: string;
  probeFailed: string;
  stop: () => Promise<void>;
}

/** The user and notification modules against a real SMTP server, with probes on what notification publishes. */
export async function startNotificationTestbed(): Promise<NotificationTestbed> {
  const policy = { ...DELIVERY };
  // Three attempts, 1 s then 2 s apart: the failure paths finish within a test.
  DELIVERY.maxAttempts = 3;
  const smtp = await startSmtpServer();
  const app = await startTestApp({
    MODULES: 'user,notification',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Tessera Shop <shop@tessera.test>',
  });
  const admin = await adminToken(app);
  // Subscribers of our own, never worked: what notification publishes stays in their queues to be read.
  const probeSent = await app.platform.bus.declare('probe', NotificationSent.name);
  const probeFailed = await app.platform.bus.declare('probe', NotificationFailed.name);
  const stop = async () => {
    Object.assign(DELIVERY, policy);
    await app?.stop();
    await smtp?.close();
  };
  return { app, smtp, admin, probeSent, probeFailed, stop };
}

/** The notification tests' helpers, over the app and admin token the calling file sets up (read lazily). */
export function notificationHelpers(ctx: () => { app: TestApp; admin: string }) {
  /** Publishes as another module would. */
  const announce = <E extends EventDef>(event: E, payload: PayloadOf<E>, producer: string) =>
    ctx()
      .app.platform.orm.em.fork()
      .transactional((em) => ctx().app.platform.bus.publish(em, event, payload, { producer }));
  const handled = (eventId: string) =>
    eventually(
      async () =>
        (await ctx().app.db.query('select 1 from notification.inbox where event_id = $1', [eventId])).length > 0,
    );
  const published = async (probe: string, messageId: string) =>
    (
      await ctx().app.db.query(`select data from pgboss.job where name = $1 and data->'payload'->>'messageId' = $2`, [
        probe,
        messageId,
      ])
    ).map((r) => r.data);
  const log = async (query: string) => {
    const res = await ctx().app.request('GET', `/admin/notifications?${query}`, { token: ctx().admin });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: any[]; nextCursor: string | null };
  };
  // Without the email verification mail every registration also sends: these tests follow one message.
  const messagesFor = async (to: string) =>
    (await log(`to=${encodeURIComponent(to)}`)).items.filter((m) => m.template !== 'email_verification');
  const detail = async (id: string) =>
    (await ctx().app.request('GET', `/admin/notifications/${id}`, { token: ctx().admin })).json();
  return { announce, handled, published, log, messagesFor, detail };
}

let displayNo = 1000;
/** An order.confirmed payload: two lines, totals, a London address; `over` replaces fields. */
export const order = (over: Partial<PayloadOf<typeof OrderConfirmed>> = {}): PayloadOf<typeof OrderConfirmed> => ({
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
