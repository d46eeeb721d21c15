import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { OrderCanceled } from '../src/modules/order/contract.ts';
import { DELIVERY } from '../src/modules/notification/domain/delivery-policy.ts';
import { SendDue } from '../src/modules/notification/use-cases/send-due.ts';
import { eventually, registerCustomer, uniqueEmail, type TestApp } from './helpers/app.ts';
import { notificationHelpers, startNotificationTestbed, type NotificationTestbed } from './helpers/notification.ts';
import type { TestSmtpServer } from './helpers/smtp.ts';

/**
 * The notification module against a real SMTP server: retries with backoff, giving up, permanent
 * refusals, interrupted attempts and refused recipients.
 */
describe('notification: delivery over SMTP', () => {
  let app: TestApp;
  let smtp: TestSmtpServer;
  let admin: string;
  let probeSent: string;
  let probeFailed: string;
  let testbed: NotificationTestbed;

  beforeAll(async () => {
    testbed = await startNotificationTestbed();
    ({ app, smtp, admin, probeSent, probeFailed } = testbed);
  });
  afterAll(() => testbed?.stop());

  const { announce, published, log, messagesFor, detail } = notificationHelpers(() => ({ app, admin }));

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
    expect(smtp.attempts.filter((a) => a.to.includes(email) && a.subject.startsWith('Welcome'))).toHaveLength(1);
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
});
