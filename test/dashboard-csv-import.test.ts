import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { eventually } from './helpers/app.ts';
import { owner, signIn, startDashboardRig, uiTimeout, type DashboardRig } from './helpers/dashboard.ts';

/**
 * CSV import in the browser: a product file with one bad row is refused with that row's line
 * number and nothing is applied (checked through the API); the corrected file, tried first as a
 * dry run, applies every row.
 */
describe('dashboard: CSV import of products, prices and stock', () => {
  let rig: DashboardRig;
  let context: BrowserContext;
  let page: Page;
  const tag = Date.now().toString(36);
  const handle = `ui-tee-${tag}`;
  const skus = [`UI-S-${tag}`, `UI-M-${tag}`, `UI-L-${tag}`];
  const header = 'handle,title,status,sku,option1_name,option1_value,weight_grams';
  const file = (rows: string[]) => ({
    name: 'products.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([header, ...rows].join('\r\n') + '\r\n'),
  });

  beforeAll(async () => {
    rig = await startDashboardRig();
    context = await rig.browser.newContext({ baseURL: rig.baseUrl });
    page = await context.newPage();
  }, 180_000);
  afterAll(() => rig?.stop());

  const exported = async () => {
    const res = await rig.app.request('GET', '/admin/products/export.csv', { token: rig.admin });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  const pick = (f: ReturnType<typeof file>) => page.locator('input[type="file"]').setInputFiles(f);

  it('a file with one bad row reports its line and applies nothing', { timeout: 180_000 }, async () => {
    await signIn(page, owner.email, owner.password);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'CSV import' }).click();
    await page.getByRole('heading', { name: 'CSV import and export' }).waitFor({ timeout: uiTimeout });

    await pick(
      file([
        `${handle},UI tee,published,${skus[0]},Size,S,200`,
        `${handle},UI tee,published,${skus[1]},Size,M,heavy`,
        `${handle},UI tee,published,${skus[2]},Size,L,220`,
      ]),
    );
    await page.getByRole('button', { name: 'Apply' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /nothing was applied/i })
      .waitFor({ timeout: uiTimeout });
    const problems = page.getByRole('table', { name: 'Problems by line' });
    const rows = problems.locator('tbody tr');
    await rows.first().waitFor({ timeout: uiTimeout });
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allInnerTexts();
    expect(cells.slice(0, 2)).toEqual(['3', 'weight_grams']);
    await rig.screenshot(page, 'csv-import-refused');

    const after = await exported();
    for (const sku of skus) expect(after).not.toContain(sku);
  });

  it('the corrected file: a dry run counts it, Apply creates every row', { timeout: 180_000 }, async () => {
    const good = file(skus.map((sku, i) => `${handle},UI tee,published,${sku},Size,${'SML'[i]},${200 + i * 10}`));
    await pick(good);
    await page.getByRole('button', { name: 'Dry run' }).click();
    const status = page.getByRole('status').filter({ hasText: /Dry run: the file is valid/ });
    await status.waitFor({ timeout: uiTimeout });
    expect(await status.innerText()).toContain('3 rows: 3 created, 0 updated, 0 unchanged');
    for (const sku of skus) expect(await exported()).not.toContain(sku);

    await page.getByRole('button', { name: 'Apply' }).click();
    const done = page.getByRole('status').filter({ hasText: /^Imported/ });
    await done.waitFor({ timeout: uiTimeout });
    expect(await done.innerText()).toContain('3 rows: 3 created');
    const after = await exported();
    for (const sku of skus) expect(after).toContain(sku);

    // The same file again changes nothing.
    await pick(good);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /3 unchanged/ })
      .waitFor({ timeout: uiTimeout });
  });

  it('prices and stock of those SKUs are imported the same way', { timeout: 180_000 }, async () => {
    const location = (await rig.app.request('GET', '/admin/stock-locations', { token: rig.admin })).json().items[0]
      .code as string;
    const upload = async (kind: string, path: string, lines: string[]) => {
      const body = lines.join('\r\n') + '\r\n';
      // Pricing and inventory hear of new SKUs through the bus: wait (a dry run over the API)
      // until they know all three, then import in the browser.
      await eventually(
        async () =>
          (
            await rig.app.request('POST', `/admin/${path}/import?dryRun=true`, {
              token: rig.admin,
              payload: body,
              headers: { 'content-type': 'text/csv' },
            })
          ).statusCode === 200,
        60_000,
        200,
      );
      await page.getByText(kind, { exact: true }).click();
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: `${path}.csv`, mimeType: 'text/csv', buffer: Buffer.from(body) });
      await page.getByRole('button', { name: 'Apply' }).click();
      const done = page.getByRole('status').filter({ hasText: /^Imported/ });
      await done.waitFor({ timeout: uiTimeout });
      return done.innerText();
    };
    const prices = await upload('Prices', 'prices', [
      'sku,currency,amount',
      ...skus.map((sku, i) => `${sku},EUR,${1900 + i * 100}`),
    ]);
    expect(prices).toContain('3 rows: 3 created');
    const priceCsv = (await rig.app.request('GET', '/admin/prices/export.csv', { token: rig.admin })).body;
    expect(priceCsv).toContain(`${skus[2]},EUR,2100`);

    const stock = await upload('Stock', 'inventory', [
      'sku,location,on_hand',
      ...skus.map((sku) => `${sku},${location},7`),
    ]);
    expect(stock).toMatch(/3 rows/);
    const stockCsv = (await rig.app.request('GET', '/admin/inventory/export.csv', { token: rig.admin })).body;
    for (const sku of skus) expect(stockCsv).toContain(`${sku},${location},7`);
  });
});
