import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { eventually } from './helpers/app.ts';
import { sku } from './helpers/catalog.ts';
import { axeProblems, owner, signIn, startDashboardRig, uiTimeout, type DashboardRig } from './helpers/dashboard.ts';

/** Picks an option of a Mantine Select / MultiSelect by its label, as a person would (open, click). */
async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * Staff in a real browser create a product with two variants, give it a EUR price and stock,
 * publish it, and a shopper then sees it with that price on the storefront.
 */
describe('dashboard: products from creation to the shop window', () => {
  let rig: DashboardRig;
  let staff: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    rig = await startDashboardRig();
    await rig.app.request('POST', '/admin/categories', { token: rig.admin, body: { name: 'Footwear' } });
    staff = await rig.browser.newContext({ baseURL: rig.baseUrl });
    page = await staff.newPage();
  }, 180_000);
  afterAll(() => rig?.stop());

  it(
    'creates, prices, stocks and publishes a product; the shopper sees it with its price',
    { timeout: 300_000 },
    async () => {
      const skus = [sku('TR'), sku('TR')];
      const notice = (text: string | RegExp) =>
        page.getByRole('alert').filter({ hasText: text }).first().waitFor({ timeout: uiTimeout });
      await signIn(page, owner.email, owner.password);
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Products' }).click();
      await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor({ timeout: uiTimeout });
      await page.getByRole('link', { name: 'New product' }).click();

      // Details, a category, an option with two values and a variant for each.
      await page.getByLabel(/^Title/).fill('Trail Runner');
      await page.getByLabel('Description').fill('A light shoe for rough paths.');
      await pick(page, 'Categories', 'Footwear');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Add image' }).click();
      await page.getByLabel('Image 1 URL').fill('https://cdn.example.com/trail-runner.jpg');
      await page.getByLabel('Image 1 description').fill('The Trail Runner, side view');
      await page.getByRole('button', { name: 'Add option' }).click();
      await page.getByLabel('Option 1 name').fill('Size');
      const values = page.getByRole('combobox', { name: 'Option 1 values' });
      await values.fill('42');
      await values.press('Enter');
      await values.fill('43');
      await values.press('Enter');
      await page.getByLabel(/^Variant 1 SKU/).fill(skus[0]);
      await pick(page, 'Variant 1 Size', '42');
      await page.getByRole('button', { name: 'Add variant' }).click();
      await page.getByLabel(/^Variant 2 SKU/).fill(skus[1]);
      await pick(page, 'Variant 2 Size', '43');
      await rig.screenshot(page, 'product-new');
      await page.getByRole('button', { name: 'Create product' }).click();

      // Its page: a draft with two variants.
      await page.waitForURL(/\/dashboard\/products\/[0-9a-f-]{36}$/, { timeout: uiTimeout });
      await page.getByRole('heading', { name: 'Trail Runner', level: 1 }).waitFor({ timeout: uiTimeout });
      await page.getByRole('tab', { name: 'Variants' }).click();
      for (const s of skus) await page.getByLabel(`SKU of ${s}`).waitFor({ timeout: uiTimeout });

      // EUR prices (the form waits until the pricing module knows the new variants).
      await page.getByRole('tab', { name: 'Prices' }).click();
      for (const [i, s] of skus.entries()) {
        const prices = page.getByRole('region', { name: `Prices of ${s}` });
        await prices.getByLabel('EUR').fill(i === 0 ? '79.90' : '84.90', { timeout: 60_000 });
        await prices.getByRole('button', { name: 'Save prices' }).click();
        await notice(`Prices of ${s} saved`);
      }

      // What the form saved, in minor units.
      const id = page.url().split('/').pop();
      const saved = (await rig.app.request('GET', `/admin/products/${id}`, { token: rig.admin })).json();
      for (const [i, v] of saved.variants.entries()) {
        const prices = (await rig.app.request('GET', `/admin/prices/${v.id}`, { token: rig.admin })).json();
        expect(prices.prices).toEqual([{ currency: 'EUR', amount: i === 0 ? 7990 : 8490 }]);
      }

      // Stock: 15 received at the default location, in the history.
      await page.getByRole('tab', { name: 'Stock' }).click();
      for (const s of skus) {
        const stock = page.getByRole('region', { name: `Stock of ${s}` });
        await stock.getByLabel('Change').fill('15', { timeout: 60_000 });
        await stock.getByRole('button', { name: 'Adjust stock' }).click();
        await notice(`Stock of ${s} adjusted`);
        await stock.getByRole('table', { name: 'Adjustment history' }).getByText('+15').waitFor({ timeout: uiTimeout });
        await stock.getByRole('heading', { name: /15 available/ }).waitFor({ timeout: uiTimeout });
      }
      await rig.screenshot(page, 'product-stock');
      expect(await axeProblems(page, 'product-stock')).toEqual([]);

      // Publish.
      await page.getByRole('button', { name: 'Publish' }).click();
      await notice(/Published/);
      await page.getByRole('button', { name: 'Unpublish' }).waitFor({ timeout: uiTimeout });

      // The list finds it by its title and by the category filter.
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Products' }).click();
      await pick(page, 'Category', 'Footwear');
      const row = page.getByRole('table', { name: 'Products' }).getByRole('row', { name: /Trail Runner/ });
      await row.waitFor({ timeout: uiTimeout });
      expect((await row.innerText()).toLowerCase()).toContain('published');
      await rig.screenshot(page, 'products');

      // The shopper: its page on the storefront with the EUR price (listings follow pricing and stock events).
      const handle = (await rig.app.request('GET', '/admin/products?q=Trail%20Runner', { token: rig.admin })).json()
        .items[0].handle;
      const shopper = await (await rig.browser.newContext({ baseURL: rig.baseUrl })).newPage();
      let seen = '';
      await eventually(
        async () => {
          const res = await shopper.goto(`/products/${handle}`);
          seen = `${res?.status()} ${await shopper.locator('body').innerText()}`;
          return res?.status() === 200 && seen.includes('€79.90');
        },
        60_000,
        500,
      ).catch((err) => {
        throw new Error(`${err.message}; the page showed: ${seen.slice(0, 1500).replace(/\s+/g, ' ')}`);
      });
      await shopper.getByRole('heading', { name: 'Trail Runner' }).first().waitFor({ timeout: uiTimeout });
      await shopper.close();
    },
  );
});
