import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { registerCustomer, strongPassword } from './helpers/app.ts';
import { startStorefrontRig, type StorefrontRig } from './helpers/storefront.ts';

/**
 * The storefront's pages for everyone: axe-core finds no serious or critical violation on the
 * main pages (screenshots saved to .data/screenshots), the pages work without JavaScript, and a
 * listing sends well under 100 KB of compressed script.
 */
describe('storefront pages: accessible, without JavaScript, light', () => {
  let rig: StorefrontRig;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    rig = await startStorefrontRig();
    context = await rig.browser.newContext({ baseURL: rig.baseUrl });
    page = await context.newPage();
  }, 180_000);
  afterAll(() => rig?.stop());

  const audit = async (path: string, name: string) => {
    await page.goto(path);
    await rig.screenshot(page, name);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };

  it('home, listing, product, cart, checkout and account: no serious or critical axe violation', async () => {
    const found = [
      ...(await audit('/', 'home')),
      ...(await audit('/categories/knitwear', 'listing')),
      ...(await audit('/search?q=merino%20sweter', 'search')),
      ...(await audit(`/products/${rig.sweater.handle}`, 'product')),
    ];
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL(/\/cart/);
    found.push(...(await audit('/cart', 'cart')));
    found.push(...(await audit('/checkout', 'checkout')));
    found.push(...(await audit('/account', 'sign-in')));
    const { email } = await registerCustomer(rig.app);
    await page.getByLabel('Email', { exact: true }).first().fill(email);
    await page.getByLabel('Password', { exact: true }).first().fill(strongPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your orders' }).waitFor();
    found.push(...(await audit('/account', 'account')));
    await page.setViewportSize({ width: 390, height: 844 });
    found.push(...(await audit('/', 'home-phone')));
    expect(found).toEqual([]);
  }, 180_000);

  it('works without JavaScript: the search form answers a server-rendered results page', async () => {
    const plain = await rig.browser.newContext({ baseURL: rig.baseUrl, javaScriptEnabled: false });
    const p = await plain.newPage();
    await p.goto('/');
    await p.getByLabel('Search products').fill('merino sweter');
    await p.getByRole('button', { name: 'Search' }).click();
    await p.waitForURL(/\/search\?q=merino/);
    await p.getByRole('link', { name: 'Merino Sweater' }).click();
    await p.getByRole('button', { name: 'Add to cart' }).click();
    await p.waitForURL(/\/cart/);
    expect(await p.locator('tbody').innerText()).toContain('Merino Sweater');
    await plain.close();
  });

  it('a listing page sends under 100 KB of compressed JavaScript', async () => {
    const sizes: number[] = [];
    const p = await context.newPage();
    p.on('response', async (r) => {
      if (r.request().resourceType() === 'script') sizes.push(gzipSync(await r.body()).length);
    });
    await p.goto('/categories/knitwear', { waitUntil: 'networkidle' });
    const inline = await p.$$eval('script:not([src])', (s) => s.map((e) => e.textContent ?? '').join(''));
    const total = sizes.reduce((a, b) => a + b, 0) + gzipSync(inline).length;
    expect(sizes.length).toBeGreaterThan(0);
    expect(total).toBeLessThan(100 * 1024);
    await p.close();
  });

  it('switches the currency to USD: prices on the listing follow', async () => {
    await page.goto('/categories/knitwear');
    await page.getByLabel('Currency').selectOption('USD');
    await page.getByRole('button', { name: 'Set' }).click();
    await page.waitForURL(/\/categories\/knitwear/);
    expect(await page.locator('.card .price').first().innerText()).toBe('US$99.00');
  });

  it('hostile input answers a 4xx, never a 5xx', async () => {
    const bad = [
      ['GET', '/products/%00'],
      ['GET', '/search?q=' + 'x'.repeat(500)],
      ['GET', '/orders/not-a-uuid'],
      ['POST', '/cart/items', 'variantId=nope&quantity=-1'],
      ['POST', '/checkout', 'idempotencyKey=x'],
      ['POST', '/currency', 'currency=EUR&back=//evil.example'],
      ['POST', '/views', 'productId=%00'],
      ['POST', '/views', 'productId=%ED%A0%80'],
      ['GET', '/search?q=%ED%A0%80'],
    ] as const;
    for (const [method, url, body] of bad) {
      const res = await fetch(rig.baseUrl + url, {
        method,
        redirect: 'manual',
        headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        body,
      });
      expect(res.status, `${method} ${url}`).toBeLessThan(500);
      if (url === '/currency') expect(res.headers.get('location')).toBe('/');
    }
  });
});
