import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { eventually } from './helpers/app.ts';
import { checkoutAndWait, guestCart, stockedVariant } from './helpers/shop.ts';
import { owner, signIn, startDashboardRig, uiTimeout, type DashboardRig } from './helpers/dashboard.ts';

/**
 * The analytics page draws from real orders: two purchases through the store API (after a product
 * view), then staff open Analytics and see the revenue total and its bar, the order count, the
 * funnel's counts and the product among the best sellers; the revenue CSV is the sales report.
 */
describe('dashboard: analytics from real orders', () => {
  let rig: DashboardRig;
  let context: BrowserContext;
  let page: Page;
  const title = `Chart mug ${Date.now().toString(36)}`;
  const totals: number[] = [];
  const today = new Date().toISOString().slice(0, 10);
  const eur = (minor: number) =>
    new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(minor / 100);

  beforeAll(async () => {
    rig = await startDashboardRig();
    // UTC in the browser too, so its default range and the reports' days are the server's days.
    context = await rig.browser.newContext({ baseURL: rig.baseUrl, timezoneId: 'UTC', locale: 'en-US' });
    page = await context.newPage();

    const { app, admin } = rig;
    const { variantId, optionId } = await stockedVariant(app, admin, { title, price: 1250, stock: 20 });
    const products = (await app.request('GET', '/admin/products?limit=50', { token: admin })).json();
    const productId = products.items.find((p: { title: string }) => p.title === title).id as string;
    const viewed = await app.request('POST', '/store/events', { body: { type: 'product_viewed', productId } });
    expect(viewed.statusCode, viewed.body).toBe(202);
    for (const quantity of [1, 3]) {
      const cartId = await guestCart(app, variantId, quantity);
      const res = await checkoutAndWait(app, cartId, optionId, { provider: 'test', token: 'tok_success' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().order.status).toBe('confirmed');
      totals.push(res.json().order.totals.total);
    }
    // The reports are fed by the bus: wait until they hold both orders before the page reads them.
    await eventually(
      async () => {
        const q = `from=${today}&to=${today}&tz=UTC`;
        const sales = (await app.request('GET', `/admin/analytics/sales?${q}`, { token: admin })).json().rows;
        const funnel = (await app.request('GET', `/admin/analytics/funnel?${q}`, { token: admin })).json().rows;
        const top = (await app.request('GET', `/admin/analytics/top-products?${q}`, { token: admin })).json().rows;
        return sales[0]?.orders === 2 && funnel[0]?.confirmed === 2 && top[0]?.title === title;
      },
      60_000,
      200,
    );
  }, 240_000);
  afterAll(() => rig?.stop());

  const card = (name: string): Locator => page.getByRole('region', { name, exact: true });

  it('draws revenue, orders, AOV, the funnel and best sellers from those orders', { timeout: 180_000 }, async () => {
    const revenue = totals[0] + totals[1];
    await signIn(page, owner.email, owner.password);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor({ timeout: uiTimeout });

    // Revenue: the figure is the two orders' total, drawn as one bar (one day) of that height.
    const revenueCard = card('Revenue');
    await revenueCard.getByText(eur(revenue), { exact: true }).waitFor({ timeout: uiTimeout });
    const bars = revenueCard.locator('.recharts-bar-rectangle');
    await bars.first().waitFor({ timeout: uiTimeout });
    expect(await bars.count()).toBe(1);
    await bars.first().hover();
    // The tooltip of that bar names the same amount: the chart's point is the report's row.
    await expect
      .poll(async () => await revenueCard.getByText(eur(revenue), { exact: true }).count(), { timeout: uiTimeout })
      .toBeGreaterThanOrEqual(2);

    await card('Orders').getByText('2', { exact: true }).first().waitFor({ timeout: uiTimeout });
    await card('Average order value')
      .getByText(eur(Math.round(revenue / 2)), { exact: true })
      .waitFor({ timeout: uiTimeout });

    // The funnel: one view, two carts, two checkouts, two confirmed.
    const steps = card('Funnel').getByRole('table', { name: 'Funnel steps' });
    await steps.waitFor({ timeout: uiTimeout });
    const count = async (step: string) =>
      (
        await steps
          .getByRole('row', { name: new RegExp(`^${step}`) })
          .getByRole('cell')
          .first()
          .innerText()
      ).trim();
    expect(await count('Viewed')).toBe('1');
    expect(await count('Added to cart')).toBe('2');
    expect(await count('Checkout started')).toBe('2');
    expect(await count('Confirmed')).toBe('2');
    await card('Top products')
      .getByRole('table', { name: 'Top products chart figures' })
      .getByRole('row', { name: new RegExp(title) })
      .waitFor({ timeout: uiTimeout });
    await rig.screenshot(page, 'analytics');

    // The CSV download is the sales report itself.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: uiTimeout }),
      revenueCard.getByRole('button', { name: 'Download CSV of Revenue' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('sales.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const [header, row] = csv.trim().split(/\r?\n/);
    expect(header.split(',').slice(0, 4)).toEqual(['period', 'currency', 'orders', 'revenue']);
    expect(row.split(',').slice(0, 4)).toEqual([today, 'EUR', '2', String(revenue)]);
  });
});
