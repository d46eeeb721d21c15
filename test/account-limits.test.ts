import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCustomer, startTestApp, uniqueEmail, type TestApp } from './helpers/app.ts';

// The password flows are rate limited like login (http/limits.ts): per (email or account, address)
// pair, per address (5x), and per email or account from unknown addresses (10x over 15x the window).
describe('rate limits on the password flows', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user', AUTH_RATE_LIMIT_MAX: 3, AUTH_RATE_LIMIT_WINDOW_SECONDS: 60 });
  });
  afterAll(() => app?.stop());

  const post = (url: string, body: unknown, ip: string, token?: string) =>
    app.request('POST', url, { body, token, remoteAddress: ip });

  it('password reset requests: per email and address, then 429 with Retry-After; another email still passes', async () => {
    const email = uniqueEmail();
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push((await post('/store/auth/password-reset', { email }, '198.51.100.1')).statusCode);
    expect(codes).toEqual([202, 202, 202, 429]);
    const limited = await post('/store/auth/password-reset', { email }, '198.51.100.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.headers['content-type']).toContain('application/problem+json');
    // Another address may still ask for this email, up to the per-email backstop.
    expect((await post('/store/auth/password-reset', { email }, '198.51.100.2')).statusCode).toBe(202);
    expect((await post('/store/auth/password-reset', { email: uniqueEmail() }, '198.51.100.1')).statusCode).toBe(202);
    const staff = [];
    for (let i = 0; i < 4; i++)
      staff.push((await post('/admin/auth/password-reset', { email }, '198.51.100.3')).statusCode);
    expect(staff).toEqual([202, 202, 202, 429]);
  });

  it('reset confirmations and invite acceptances: per IP', async () => {
    const body = { token: '0190f0e0-0000-7000-8000-000000000001.nope', password: 'Whatever-pass-1' };
    const codes = [];
    for (let i = 0; i < 16; i++)
      codes.push((await post('/store/auth/password-reset/confirm', body, '198.51.100.9')).statusCode);
    expect(codes.slice(0, 15).every((c) => c === 400)).toBe(true);
    expect(codes[15]).toBe(429);
    expect((await post('/store/auth/password-reset/confirm', body, '198.51.100.10')).statusCode).toBe(400);
  });

  it('password change: per account, so a stolen access token cannot guess the current password for long', async () => {
    const { token } = await registerCustomer(app);
    const codes = [];
    // From new addresses each time: only the per-account backstop (10 x 3) stops the guesses.
    for (let i = 0; i < 31; i++)
      codes.push(
        (
          await post(
            '/store/me/password',
            { currentPassword: `Guess-number-${i}`, newPassword: 'Wanted-password-1' },
            `198.51.100.${20 + i}`,
            token,
          )
        ).statusCode,
      );
    expect(codes.slice(0, 30).every((c) => c === 400)).toBe(true);
    expect(codes[30]).toBe(429);
  });
});
