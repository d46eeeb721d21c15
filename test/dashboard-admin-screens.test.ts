import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { owner, signIn, startDashboardRig, uiTimeout, type DashboardRig } from './helpers/dashboard.ts';
import { installFakeNetwork } from './helpers/webhook.ts';

/**
 * The settings screens in a real browser, each checked through the API: a promotion created and
 * deleted, a country's tax rate set, a shipping option priced in EUR, a webhook endpoint whose
 * secret is shown once (and again after a rotation); reviews and dead letters open empty.
 */
describe('dashboard: promotions, tax, shipping, webhooks, reviews, dead letters', () => {
  let rig: DashboardRig;
  let context: BrowserContext;
  let page: Page;
  const tag = Date.now().toString(36).toUpperCase();
  beforeAll(async () => {
    // The endpoint's host must resolve (to an allowed address) for the API to take it.
    installFakeNetwork().names.set('receiver.test', ['127.0.0.1']);
    rig = await startDashboardRig({ WEBHOOK_ALLOW_HOSTS: 'receiver.test' });
    context = await rig.browser.newContext({ baseURL: rig.baseUrl, locale: 'en-US' });
    page = await context.newPage();
    await signIn(page, owner.email, owner.password);
  }, 180_000);
  afterAll(() => rig?.stop());

  const api = async (path: string) => (await rig.app.request('GET', path, { token: rig.admin })).json();
  const open = async (label: string, heading: string) => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: label, exact: true }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor({ timeout: uiTimeout });
  };

  it('creates a percentage promotion with a code, then deletes it', { timeout: 120_000 }, async () => {
    await open('Promotions', 'Promotions');
    await page.getByRole('button', { name: 'New promotion' }).click();
    const dialog = page.getByRole('dialog', { name: 'New promotion' });
    await dialog.getByLabel(/^Name/).fill('Spring sale');
    await dialog.getByLabel(/^Code/).fill(`SPRING${tag}`);
    await dialog.getByLabel('Percent off').fill('15');
    await dialog.getByLabel('Usage limit').fill('100');
    await dialog.getByRole('button', { name: 'Create promotion' }).click();
    const row = page.getByRole('table', { name: 'Promotions' }).getByRole('row', { name: new RegExp(`SPRING${tag}`) });
    await row.waitFor({ timeout: uiTimeout });
    expect(await row.innerText()).toContain('15 %');
    const [promo] = (await api(`/admin/promotions?q=SPRING${tag}`)).items;
    expect(promo).toMatchObject({ kind: 'percentage', percentBps: 1500, usageLimit: 100 });

    await row.getByRole('button', { name: 'Delete Spring sale' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await row.waitFor({ state: 'detached', timeout: uiTimeout });
    expect((await api(`/admin/promotions?q=SPRING${tag}`)).items).toEqual([]);
  });

  it("sets a country's tax rate", { timeout: 120_000 }, async () => {
    await open('Tax', 'Tax rates');
    await page.getByLabel(/^Country code/).fill('at');
    await page.getByLabel(/^Name/).fill('USt');
    await page.getByLabel(/^Rate/).fill('20');
    await page.getByRole('button', { name: 'Save rate' }).click();
    await page
      .getByRole('table', { name: 'Tax rates' })
      .getByRole('row', { name: /AT/ })
      .waitFor({ timeout: uiTimeout });
    expect(await api('/admin/tax-rates/AT')).toMatchObject({ countryCode: 'AT', rateBps: 2000, name: 'USt' });
  });

  it('creates a shipping option priced in EUR', { timeout: 120_000 }, async () => {
    await open('Shipping', 'Shipping options');
    await page.getByRole('button', { name: 'New shipping option' }).click();
    const dialog = page.getByRole('dialog', { name: 'New shipping option' });
    const code = `express-${tag.toLowerCase()}`;
    await dialog.getByLabel(/^Code/).fill(code);
    await dialog.getByLabel(/^Name/).fill('Express');
    await dialog.getByLabel(/^Countries/).fill('DE');
    await dialog.getByLabel(/^Countries/).press('Enter');
    await dialog.getByLabel('Amount (EUR)').fill('9.90');
    await dialog.getByRole('button', { name: 'Create shipping option' }).click();
    await page
      .getByRole('table', { name: 'Shipping options' })
      .getByRole('row', { name: new RegExp(code) })
      .waitFor({ timeout: uiTimeout });
    const option = (await api('/admin/shipping-options')).items.find((o: { code: string }) => o.code === code);
    expect(option).toMatchObject({ countries: ['DE'], rates: [{ currency: 'EUR', kind: 'flat', amount: 990 }] });
  });

  it('creates a webhook endpoint, shows its secret once, rotates it', { timeout: 120_000 }, async () => {
    await open('Webhooks', 'Webhooks');
    await page.getByRole('button', { name: 'New endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'New endpoint' });
    await dialog.getByLabel(/^URL/).fill('http://receiver.test/hook');
    await dialog.getByRole('button', { name: 'Create endpoint' }).click();
    const secretBox = page.getByRole('dialog', { name: 'Signing secret' });
    // A refusal shows in the form: say what it was rather than time out.
    await secretBox.or(dialog.getByRole('alert')).first().waitFor({ timeout: uiTimeout });
    if (await dialog.getByRole('alert').isVisible()) throw new Error(await dialog.getByRole('alert').innerText());
    const first = await secretBox.getByLabel('Signing secret').innerText();
    expect(first).toMatch(/^whsec_/);
    await secretBox.getByRole('button', { name: 'I have stored it' }).click();
    const row = page.getByRole('table', { name: 'Endpoints' }).getByRole('row', { name: /receiver\.test/ });
    await row.waitFor({ timeout: uiTimeout });
    expect((await api('/admin/webhooks')).items[0]).toMatchObject({ url: 'http://receiver.test/hook', enabled: true });

    await row.getByRole('button', { name: /Rotate secret of/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate', exact: true }).click();
    await secretBox.waitFor({ timeout: uiTimeout });
    const second = await secretBox.getByLabel('Signing secret').innerText();
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    await secretBox.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('table', { name: 'Deliveries' }).waitFor({ timeout: uiTimeout });
  });

  it('reviews and dead letters open, empty', { timeout: 120_000 }, async () => {
    await open('Reviews', 'Reviews');
    await page.getByText('No pending reviews.').waitFor({ timeout: uiTimeout });
    await open('Dead letters', 'Dead letters');
    await page.getByText(/No dead letters/).waitFor({ timeout: uiTimeout });
  });

  it('no serious or critical axe violation on these screens', { timeout: 180_000 }, async () => {
    const found: string[] = [];
    for (const [path, heading] of [
      ['promotions', 'Promotions'],
      ['tax', 'Tax rates'],
      ['shipping', 'Shipping options'],
      ['reviews', 'Reviews'],
      ['webhooks', 'Webhooks'],
      ['dead-letters', 'Dead letters'],
      ['analytics', 'Analytics'],
      ['csv', 'CSV import and export'],
    ]) {
      await page.goto(`/dashboard/${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor({ timeout: uiTimeout });
      await page
        .getByLabel(/^Loading/)
        .first()
        .waitFor({ state: 'detached', timeout: uiTimeout });
      await rig.screenshot(page, path);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of result.violations)
        if (v.impact === 'serious' || v.impact === 'critical')
          found.push(`${path}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
    expect(found).toEqual([]);
  });
});
