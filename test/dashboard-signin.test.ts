import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { uniqueEmail } from './helpers/app.ts';
import { mailedToken } from './helpers/accounts.ts';
import { axeProblems, owner, signIn, startDashboardRig, uiTimeout, type DashboardRig } from './helpers/dashboard.ts';

/**
 * Staff in a real browser on the dashboard: the owner signs in and sees every section; a wrong
 * password is an error on the page; a member whose role holds no catalog permission never sees
 * Products (nor can open it by its address).
 */
describe('dashboard: sign-in and the permission-aware shell', () => {
  let rig: DashboardRig;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    rig = await startDashboardRig({ DASHBOARD_URL: 'http://127.0.0.1/dashboard' });
    context = await rig.browser.newContext({ baseURL: rig.baseUrl });
    page = await context.newPage();
  }, 180_000);
  afterAll(() => rig?.stop());

  it('serves the app with a same-origin CSP, index never cached, hashed assets for a year', async () => {
    const res = await fetch(`${rig.baseUrl}/dashboard/products/some-deep-link`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    const html = await res.text();
    const nonce = /content="([^"]+)"/.exec(html.match(/<meta name="csp-nonce"[^>]*>/)?.[0] ?? '')?.[1];
    expect(csp).toContain(`'nonce-${nonce}'`);
    const script = /src="(\/dashboard\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const asset = await fetch(`${rig.baseUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // Compressed at build time: brotli for a browser that takes it, gzip otherwise.
    const br = await fetch(`${rig.baseUrl}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('content-encoding')).toBe('gzip'); // (Node's fetch asks for gzip, deflate)
    expect((await fetch(`${rig.baseUrl}/dashboard/assets/nope.js`)).status).toBe(404);
  });

  it('a wrong password shows an error and stays on the sign-in page', { timeout: 120_000 }, async () => {
    await page.goto('/dashboard/');
    await page.waitForURL(/\/dashboard\/sign-in/);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel(/^Password/).fill('Not-the-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /invalid|incorrect|wrong/i })
      .waitFor({ timeout: uiTimeout });
    expect(page.url()).toContain('/dashboard/sign-in');
  });

  it('the owner signs in and sees every section, Products included', { timeout: 120_000 }, async () => {
    await signIn(page, owner.email, owner.password);
    const nav = page.getByRole('navigation', { name: 'Sections' });
    for (const label of ['Products', 'Orders', 'Customers', 'Staff & roles', 'API keys', 'Analytics'])
      await nav.getByRole('link', { name: label, exact: true }).waitFor({ timeout: uiTimeout });
    await rig.screenshot(page, 'home');
    // The session survives a reload (sessionStorage), then ends with sign-out.
    await page.reload();
    await nav.waitFor({ timeout: uiTimeout });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/dashboard\/sign-in/);
  });

  it(
    'sign-in, home, products and new product: no serious or critical axe violation',
    { timeout: 180_000 },
    async () => {
      const found: string[] = [];
      await page.goto('/dashboard/sign-in');
      await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: uiTimeout });
      found.push(...(await axeProblems(page, 'sign-in')));
      await signIn(page, owner.email, owner.password);
      found.push(...(await axeProblems(page, 'home')));
      await page.goto('/dashboard/products');
      await page.getByRole('table', { name: 'Products' }).waitFor({ timeout: uiTimeout });
      found.push(...(await axeProblems(page, 'products')));
      await page.goto('/dashboard/products/new');
      await page.getByRole('button', { name: 'Create product' }).waitFor({ timeout: uiTimeout });
      found.push(...(await axeProblems(page, 'product-new')));
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/dashboard\/sign-in/);
      expect(found).toEqual([]);
    },
  );

  it('a member whose role has no catalog permission does not see Products', { timeout: 180_000 }, async () => {
    const role = await rig.app.request('POST', '/admin/roles', {
      token: rig.admin,
      body: { name: 'order-desk', permissions: ['orders:read', 'customers:read'] },
    });
    expect(role.statusCode, role.body).toBe(201);
    const email = uniqueEmail('desk');
    const invited = await rig.app.request('POST', '/admin/staff/invites', {
      token: rig.admin,
      body: { email, roles: ['order-desk'] },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const token = await mailedToken(rig.smtp, email, /invited/i);

    // The invite link's page: name and password, then signed in.
    await page.goto(`/dashboard/accept-invite?token=${encodeURIComponent(token)}`);
    await page.getByLabel('First name').fill('Grace');
    await page.getByLabel(/^Password/).fill('Desk-password-42');
    await page.getByRole('button', { name: 'Accept the invite' }).click();
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('link', { name: 'Orders', exact: true }).waitFor({ timeout: uiTimeout });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/dashboard\/sign-in/);

    await signIn(page, email, 'Desk-password-42');
    await nav.getByRole('link', { name: 'Customers', exact: true }).waitFor({ timeout: uiTimeout });
    const labels = await nav.getByRole('link').allInnerTexts();
    expect(labels).toEqual(['Orders', 'Customers']);
    await page.goto('/dashboard/products');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor({ timeout: uiTimeout });
  });
});
