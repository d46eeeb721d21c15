import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminToken,
  registerCustomer,
  startTestApp,
  strongPassword,
  uniqueEmail,
  type TestApp,
} from './helpers/app.ts';
import { mailedToken } from './helpers/accounts.ts';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp.ts';

// Password reset, password change, email verification and sign-out everywhere, through a real SMTP server.
describe('account flows', () => {
  let app: TestApp;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp({ MODULES: 'user,notification', SMTP_URL: smtp.url, STOREFRONT_URL: 'https://shop.test' });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  const refresh = (refreshToken: string) => app.request('POST', '/store/auth/refresh', { body: { refreshToken } });
  const login = (email: string, password: string) =>
    app.request('POST', '/store/auth/login', { body: { email, password } });

  it('password reset end to end: mail, reset, old sessions revoked, the token works once', async () => {
    const customer = await registerCustomer(app);
    const other = await login(customer.email, strongPassword);
    const asked = await app.request('POST', '/store/auth/password-reset', { body: { email: customer.email } });
    expect(asked.statusCode).toBe(202);
    const token = await mailedToken(smtp, customer.email, /reset/i);
    const mail = smtp.to(customer.email).find((m) => /reset/i.test(m.subject))!;
    expect(mail.text).toContain('https://shop.test/reset-password?token=');
    // Staff reading the message log do not see the secret.
    const admin = await adminToken(app);
    const logged = (
      await app.request('GET', `/admin/notifications?to=${encodeURIComponent(customer.email)}`, { token: admin })
    ).json();
    const reset = logged.items.find((m: any) => m.template === 'password_reset');
    const detail = (await app.request('GET', `/admin/notifications/${reset.id}`, { token: admin })).json();
    expect(detail.text).toContain('reset-password?token=[redacted]');
    expect(`${detail.text}${detail.html}`).not.toContain(token.split('.')[1]);
    const newPassword = 'Brand-new-secret-7';
    const confirmed = await app.request('POST', '/store/auth/password-reset/confirm', {
      body: { token, password: newPassword },
    });
    expect(confirmed.statusCode).toBe(204);
    expect((await refresh(customer.refreshToken)).statusCode).toBe(401);
    expect((await refresh(other.json().refreshToken)).statusCode).toBe(401);
    expect((await login(customer.email, strongPassword)).statusCode).toBe(401);
    expect((await login(customer.email, newPassword)).statusCode).toBe(200);
    const again = await app.request('POST', '/store/auth/password-reset/confirm', {
      body: { token, password: 'Third-password-8' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect((await login(customer.email, newPassword)).statusCode).toBe(200);
  });

  it('an unknown email gets the same answer, in similar time, and no mail', async () => {
    const { email } = await registerCustomer(app);
    const unknown = uniqueEmail('nobody');
    const timed = async (address: string) => {
      const start = performance.now();
      const res = await app.request('POST', '/store/auth/password-reset', { body: { email: address } });
      return { res, ms: performance.now() - start };
    };
    await timed(email); // warm both paths
    await timed(unknown);
    const known: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < 8; i++) {
      const a = await timed(email);
      const b = await timed(unknown);
      expect(b.res.statusCode).toBe(a.res.statusCode);
      expect(b.res.json()).toEqual(a.res.json());
      known.push(a.ms);
      unknownMs.push(b.ms);
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1];
    console.log(
      `password reset request, median: known ${median(known).toFixed(1)} ms, unknown ${median(unknownMs).toFixed(1)} ms`,
    );
    expect(Math.abs(median(known) - median(unknownMs))).toBeLessThan(20);
    await mailedToken(smtp, email, /reset/i);
    expect(smtp.to(unknown)).toHaveLength(0);
  });

  it('a reset token is refused after it expires (PASSWORD_RESET_TTL_SECONDS)', async () => {
    const short = await startTestApp({
      MODULES: 'user,notification',
      SMTP_URL: smtp.url,
      PASSWORD_RESET_TTL_SECONDS: 1,
    });
    try {
      const { email } = await registerCustomer(short);
      await short.request('POST', '/store/auth/password-reset', { body: { email } });
      const token = await mailedToken(smtp, email, /reset/i);
      await new Promise((r) => setTimeout(r, 1200));
      const res = await short.request('POST', '/store/auth/password-reset/confirm', {
        body: { token, password: 'Too-late-password-1' },
      });
      expect(res.statusCode).toBe(400);
      expect(
        (await short.request('POST', '/store/auth/login', { body: { email, password: strongPassword } })).statusCode,
      ).toBe(200);
    } finally {
      await short.stop();
    }
  });

  it('changing the password needs the current one and revokes the other sessions', async () => {
    const customer = await registerCustomer(app);
    const second = (await login(customer.email, strongPassword)).json();
    const wrong = await app.request('POST', '/store/me/password', {
      token: customer.token,
      body: { currentPassword: 'Not-my-password-1', newPassword: 'Changed-password-2' },
    });
    expect(wrong.statusCode).toBe(400);
    expect((await refresh(second.refreshToken)).statusCode).toBe(200); // nothing was revoked
    const changed = await app.request('POST', '/store/me/password', {
      token: customer.token,
      body: { currentPassword: strongPassword, newPassword: 'Changed-password-2' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await refresh(customer.refreshToken)).statusCode).toBe(401);
    expect((await refresh(second.refreshToken)).statusCode).toBe(401);
    expect((await refresh(changed.json().refreshToken)).statusCode).toBe(200); // the new session works
    expect((await login(customer.email, 'Changed-password-2')).statusCode).toBe(200);
  });

  it('email verification: the link mailed at registration verifies, once; the profile shows it', async () => {
    const customer = await registerCustomer(app);
    const me = () => app.request('GET', '/store/me', { token: customer.token });
    expect((await me()).json()).toMatchObject({ emailVerified: false, emailVerifiedAt: null });
    const token = await mailedToken(smtp, customer.email, /confirm your email/i);
    const verified = await app.request('POST', '/store/auth/verify-email', { body: { token } });
    expect(verified.statusCode).toBe(200);
    expect((await me()).json()).toMatchObject({ emailVerified: true, emailVerifiedAt: expect.any(String) });
    expect((await app.request('POST', '/store/auth/verify-email', { body: { token } })).statusCode).toBe(400);
    expect((await app.request('POST', '/store/me/verify-email', { token: customer.token })).statusCode).toBe(409);
  });

  it('sign out everywhere revokes every refresh token of the account', async () => {
    const customer = await registerCustomer(app);
    const second = (await login(customer.email, strongPassword)).json();
    expect((await app.request('POST', '/store/auth/logout-all', { token: customer.token })).statusCode).toBe(204);
    expect((await refresh(customer.refreshToken)).statusCode).toBe(401);
    expect((await refresh(second.refreshToken)).statusCode).toBe(401);
  });

  it('registering a known email answers like a new one and mails the owner instead', async () => {
    const owner = await registerCustomer(app);
    const fresh = await app.request('POST', '/store/auth/register', {
      body: { email: uniqueEmail(), password: strongPassword },
    });
    const known = await app.request('POST', '/store/auth/register', {
      body: { email: owner.email, password: 'Intruder-password-3' },
    });
    expect(known.statusCode).toBe(fresh.statusCode);
    expect(known.json()).toEqual(fresh.json());
    const notice = await smtp.waitFor((m) => m.envelope.to.includes(owner.email) && /your .* account/i.test(m.subject));
    expect(notice.text).toMatch(/tried to create an account/);
    expect((await login(owner.email, 'Intruder-password-3')).statusCode).toBe(401);
  });
});
