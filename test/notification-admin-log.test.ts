import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { eventually, registerCustomer, uniqueEmail, type TestApp } from './helpers/app.ts';
import { notificationHelpers, startNotificationTestbed, type NotificationTestbed } from './helpers/notification.ts';
import type { TestSmtpServer } from './helpers/smtp.ts';

/**
 * The notification module against a real SMTP server: the admin log of messages, and resends.
 */
describe('notification: the admin log', () => {
  let app: TestApp;
  let smtp: TestSmtpServer;
  let admin: string;
  let testbed: NotificationTestbed;

  beforeAll(async () => {
    testbed = await startNotificationTestbed();
    ({ app, smtp, admin } = testbed);
  });
  afterAll(() => testbed?.stop());

  const { log, messagesFor, detail } = notificationHelpers(() => ({ app, admin }));

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
    expect((await log(`subjectId=${userId}&template=welcome`)).items.map((m) => m.id)).toEqual([failed.id]);
    expect(
      (await log(`to=${encodeURIComponent(email.toUpperCase())}&template=welcome`)).items.map((m) => m.id),
    ).toEqual([failed.id]);
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
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(email) && m.subject.startsWith('Welcome'));
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
