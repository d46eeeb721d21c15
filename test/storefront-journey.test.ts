import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { eventually, registerCustomer, strongPassword, uniqueEmail } from './helpers/app.ts';
import { startStorefrontRig, type StorefrontRig } from './helpers/storefront.ts';

/**
 * A shopper in a real browser (Debian's chromium) on the server-rendered storefront: a misspelt
 * search, a variant, two items, WELCOME10, an account, checkout with the test provider, the
 * confirmation page and mail, the order in their account.
 */
/** Waits (as a shopper would) until the element shows the text. */
const shows = (where: Locator, text: string | RegExp) =>
  where.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });

describe('storefront: the shopper journey in a browser', () => {
  let rig: StorefrontRig;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    rig = await startStorefrontRig();
    context = await rig.browser.newContext({ baseURL: rig.baseUrl });
    page = await context.newPage();
  }, 180_000);
  afterAll(() => rig?.stop());

  it('finds, buys with WELCOME10, is mailed, and sees the order in the account', async () => {
    const email = uniqueEmail('browser');
    await page.goto('/');
    await page.getByRole('heading', { name: 'Categories' }).waitFor();

    // Search as you type: a misspelling the search tolerates, suggestions under the box.
    await page.getByLabel('Search products').pressSequentially('merino sweter', { delay: 20 });
    await page.getByRole('option', { name: 'Merino Sweater' }).waitFor();
    await page.keyboard.press('Enter'); // the form itself: the server-rendered results page
    await page.waitForURL(/\/search\?q=merino/);
    await page.getByRole('link', { name: 'Merino Sweater' }).click();

    // The variant picker: size L, one of it.
    await page.waitForURL(/\/products\/merino-sweater/);
    await page.getByLabel(/^L · /).check();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL(/\/cart/);
    await shows(page.getByRole('status'), 'Added to your cart');

    // A second item from a collection.
    await page.goto('/collections/winter-warmers');
    await page.getByRole('link', { name: 'Wool Scarf' }).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL(/\/cart/);
    const rows = page.locator('tbody tr');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    const cart = await page.locator('tbody').innerText();
    expect(cart).toContain('Merino Sweater');
    expect(cart).toContain('Wool Scarf');

    // An account (the code is once per customer); the cart becomes theirs.
    await page.goto('/account');
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Email', { exact: true }).nth(1).fill(email);
    await page.getByLabel('Password', { exact: true }).nth(1).fill(strongPassword);
    await page.getByRole('button', { name: 'Create account' }).click();
    await shows(page.getByRole('heading', { level: 1 }), 'Hello, Ada');

    await page.goto('/cart');
    await page.getByLabel('Promotion code').fill('WELCOME10');
    await page.getByRole('button', { name: 'Apply' }).click();
    await shows(page.getByRole('status'), 'Code applied');

    await page.getByRole('link', { name: 'Check out' }).click();
    await page.waitForURL(/\/checkout/);
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByLabel('Street and number').fill('Unter den Linden 1');
    await page.getByLabel('City').fill('Berlin');
    await page.getByLabel('Postal code').fill('10117');
    await page.getByLabel('Test card: approved').check();
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.waitForURL(/\/orders\//, { timeout: 20_000 });
    await shows(page.getByRole('heading', { level: 1 }), 'Thank you for your order');
    const confirmation = await page.locator('main').innerText();
    const displayId = /Order (\S+): Confirmed/.exec(confirmation)?.[1];
    expect(displayId).toBeTruthy();
    // 10 % off the items: 89.00 + 25.00 = 114.00, discount 11.40.
    expect(confirmation).toMatch(/Discount\s+−€11\.40/);

    const mail = await rig.smtp.waitFor((m) => m.to.includes(email) && m.text.includes(displayId!), 15_000);
    expect(mail.subject).toMatch(/order/i);

    await page.goto('/account');
    const orders = page.getByRole('table', { name: 'Orders' });
    await shows(orders, displayId!);
    expect(await orders.innerText()).toMatch(/Confirmed|Shipped/);

    // Staff ship it with a tracking number: the account's order history shows both.
    const orderId = /\/orders\/([0-9a-f-]{36})/.exec(
      (await orders.getByRole('link', { name: displayId! }).getAttribute('href')) ?? '',
    )?.[1];
    const shipment = await eventually(async () => {
      const r = await rig.app.request('GET', `/admin/shipments?orderId=${orderId}`, { token: rig.admin });
      return r.json().items?.[0];
    }, 15_000);
    const shipped = await rig.app.request('POST', `/admin/shipments/${shipment.id}/ship`, {
      token: rig.admin,
      body: { carrier: 'manual', trackingNumber: 'TRK-424242' },
    });
    expect(shipped.statusCode).toBe(200);
    await eventually(
      async () => {
        await page.goto('/account');
        return (await orders.innerText()).includes('TRK-424242');
      },
      20_000,
      500,
    );
  }, 180_000);

  it('GET /store/shipments: a customer sees only their own parcels; nobody signed in gets a 401', async () => {
    const other = await registerCustomer(rig.app);
    const mine = await rig.app.request('GET', '/store/shipments', { token: other.token });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toEqual([]);
    expect((await rig.app.request('GET', '/store/shipments')).statusCode).toBe(401);
    expect((await rig.app.request('GET', '/store/shipments?orderId=nope', { token: other.token })).statusCode).toBe(
      400,
    );
  });

  it('the product page recorded the view for recommendations (the anonymous session)', async () => {
    const sessionId = (await context.cookies()).find((c) => c.name === 'ts_sid')?.value;
    expect(sessionId).toBeTruthy();
    // Viewed while a guest: recently viewed for that session names the sweater.
    const recent = await rig.app.request('GET', `/store/recommendations?sessionId=${sessionId}`);
    expect(recent.statusCode).toBe(200);
    expect(JSON.stringify(recent.json())).toContain(rig.sweater.id);
  });
});
