import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { eventually, registerCustomer, uniqueEmail } from './helpers/app.ts';
import { mailedToken } from './helpers/accounts.ts';
import { owner, signIn, startDashboardRig, uiTimeout, type DashboardRig } from './helpers/dashboard.ts';
import { address, stockedVariant } from './helpers/shop.ts';
import { expectAccessible } from './helpers/axe.ts';

/**
 * The owner's admin screens in a real browser: a customer and their order found; a custom role
 * made and changed; a member invited, given other roles and deactivated; an API key made (its
 * secret shown once and working) and revoked.
 */
describe('dashboard: customers, staff & roles, API keys', () => {
  let rig: DashboardRig;
  let context: BrowserContext;
  let page: Page;
  const nav = () => page.getByRole('navigation', { name: 'Sections' });
  beforeAll(async () => {
    rig = await startDashboardRig();
    context = await rig.browser.newContext({ baseURL: rig.baseUrl });
    page = await context.newPage();
    await signIn(page, owner.email, owner.password);
  }, 180_000);
  afterAll(() => rig?.stop());

  it('finds a customer by email and sees their order', { timeout: 180_000 }, async () => {
    const { app, admin } = rig;
    const { variantId, optionId } = await stockedVariant(app, admin, { title: 'Tea tin', price: 1200, stock: 10 });
    const customer = await registerCustomer(app, uniqueEmail('tea'));
    const cart = (
      await app.request('POST', '/store/carts', { token: customer.token, body: { currency: 'EUR' } })
    ).json();
    await eventually(
      async () =>
        (
          await app.request('POST', `/store/carts/${cart.id}/items`, {
            token: customer.token,
            body: { variantId, quantity: 1 },
          })
        ).statusCode === 200,
      5000,
      20,
    );
    const checkout = await app.request('POST', `/store/carts/${cart.id}/checkout`, {
      token: customer.token,
      headers: { 'idempotency-key': randomUUID(), prefer: 'wait=10' },
      body: {
        shippingAddress: address,
        shippingOptionId: optionId,
        paymentMethod: { provider: 'test', token: 'tok_success' },
      },
    });
    expect(checkout.statusCode, checkout.body).toBe(200);
    const order = checkout.json().order;

    await nav().getByRole('link', { name: 'Customers', exact: true }).click();
    await page.getByLabel('Search customers').fill(customer.email.slice(0, 12));
    await page
      .getByRole('table', { name: 'Customers' })
      .getByRole('link', { name: customer.email })
      .click({ timeout: uiTimeout });
    await page.getByRole('region', { name: 'Profile' }).getByText(customer.email).waitFor({ timeout: uiTimeout });
    await page
      .getByRole('table', { name: 'Customer orders' })
      .getByRole('link', { name: order.displayId })
      .click({ timeout: uiTimeout });
    await page.getByRole('heading', { name: `Order ${order.displayId}` }).waitFor({ timeout: uiTimeout });
    await page.goBack();
    await page.getByRole('table', { name: 'Customer orders' }).waitFor({ timeout: uiTimeout });
    await expectAccessible(page);
  });

  it(
    'makes a role, invites a member with it, changes their roles and deactivates them',
    { timeout: 180_000 },
    async () => {
      await nav().getByRole('link', { name: 'Staff & roles', exact: true }).click();
      await page.getByRole('tab', { name: 'Roles' }).click();
      await page.getByRole('button', { name: 'New role' }).click();
      let dialog = page.getByRole('dialog', { name: 'New role' });
      await dialog.getByLabel('Role name').fill('packer');
      await dialog.getByLabel('orders:read').check();
      await dialog.getByLabel('orders:fulfil').check();
      await dialog.getByRole('button', { name: 'Save role' }).click();
      const roles = page.getByRole('table', { name: 'Roles' });
      await roles
        .getByRole('row', { name: /packer/ })
        .getByText('orders:fulfil')
        .waitFor({ timeout: uiTimeout });

      await page.getByRole('button', { name: 'Edit role packer' }).click();
      dialog = page.getByRole('dialog', { name: 'Edit role packer' });
      await dialog.getByLabel('customers:read').check();
      await dialog.getByRole('button', { name: 'Save role' }).click();
      await roles
        .getByRole('row', { name: /packer/ })
        .getByText('customers:read')
        .waitFor({ timeout: uiTimeout });
      const packer = (await rig.app.request('GET', '/admin/roles', { token: rig.admin }))
        .json()
        .items.find((r: { name: string }) => r.name === 'packer');
      expect(packer.permissions).toEqual(['customers:read', 'orders:fulfil', 'orders:read']);

      const email = uniqueEmail('packer');
      await page.getByRole('tab', { name: 'Staff' }).click();
      await page.getByRole('button', { name: 'Invite staff' }).click();
      dialog = page.getByRole('dialog', { name: 'Invite a staff member' });
      await dialog.getByLabel('Email').fill(email);
      await dialog.getByLabel('Roles', { exact: true }).click();
      await page.getByRole('option', { name: 'packer' }).click();
      await page.keyboard.press('Tab'); // the list closes when the field loses focus
      await dialog.getByRole('button', { name: 'Send invite' }).click();
      const row = page.getByRole('table', { name: 'Staff' }).getByRole('row', { name: new RegExp(email) });
      await row.getByText('invited').waitFor({ timeout: uiTimeout });
      await mailedToken(rig.smtp, email, /invited/i);
      await row.getByRole('cell', { name: 'packer', exact: true }).waitFor({ timeout: uiTimeout });

      await page.getByRole('button', { name: `Change roles of ${email}` }).click();
      dialog = page.getByRole('dialog', { name: `Roles of ${email}` });
      await dialog.getByLabel('Roles', { exact: true }).click();
      await page.getByRole('option', { name: 'support' }).click();
      await page.keyboard.press('Tab'); // the list closes when the field loses focus
      await dialog.getByRole('button', { name: 'Save roles' }).click();
      await row.getByText(/support/).waitFor({ timeout: uiTimeout });
      const members = (await rig.app.request('GET', '/admin/staff', { token: rig.admin })).json().items;
      const member = members.find((m: { email: string }) => m.email === email);
      expect([...member.roles].sort()).toEqual(['packer', 'support']);

      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: `Deactivate ${email}` }).click();
      await row.getByText('deactivated').waitFor({ timeout: uiTimeout });
      await rig.screenshot(page, 'staff');
      await expectAccessible(page);
      await page.getByRole('tab', { name: 'Roles' }).click();
      await expectAccessible(page);

      await page.getByRole('button', { name: 'Delete role packer' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
      await roles.getByRole('row', { name: /packer/ }).waitFor({ state: 'detached', timeout: uiTimeout });
      const left = (await rig.app.request('GET', '/admin/roles', { token: rig.admin })).json().items;
      expect(left.map((r: { name: string }) => r.name)).not.toContain('packer');
    },
  );

  it('creates an API key, shows its secret once, and revokes it', { timeout: 180_000 }, async () => {
    await nav().getByRole('link', { name: 'API keys', exact: true }).click();
    await page.getByRole('button', { name: 'New API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'New API key' });
    await dialog.getByLabel('Key name').fill('Catalog sync');
    await dialog.getByLabel('catalog:read').check();
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByLabel('API key secret').innerText({ timeout: uiTimeout })).trim();
    expect(secret).toMatch(/^tsk_/);
    expect((await rig.app.request('GET', '/admin/categories', { token: secret })).statusCode).toBe(200);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByLabel('API key secret').waitFor({ state: 'detached', timeout: uiTimeout });

    const row = page.getByRole('table', { name: 'API keys' }).getByRole('row', { name: /Catalog sync/ });
    await row.getByText('active').waitFor({ timeout: uiTimeout });
    expect(await page.getByRole('table', { name: 'API keys' }).innerText()).not.toContain(secret);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Revoke Catalog sync' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke', exact: true }).click();
    await row.getByText('revoked').waitFor({ timeout: uiTimeout });
    expect((await rig.app.request('GET', '/admin/categories', { token: secret })).statusCode).toBe(401);
  });
});
