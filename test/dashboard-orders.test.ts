import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { uniqueEmail } from './helpers/app.ts';
import { mailedToken } from './helpers/accounts.ts';
import { owner, signIn, startDashboardRig, uiTimeout, type DashboardRig } from './helpers/dashboard.ts';
import { expectAccessible } from './helpers/axe.ts';
import { checkoutAndWait, guestCart, stockedVariant } from './helpers/shop.ts';

/**
 * Orders in the dashboard, in a real browser against the whole app: a shopper's order is found in
 * the list, shipped with a tracking number and refunded in part (the payment then shows it); a
 * member whose role may fulfil but not refund ships an order and never sees Refund (nor Cancel).
 */
describe('dashboard: orders, shipping and refunds', () => {
  let rig: DashboardRig;
  let variantId: string;
  let optionId: string;
  beforeAll(async () => {
    rig = await startDashboardRig({ PAYMENT_CAPTURE: 'on_shipment' });
    ({ variantId, optionId } = await stockedVariant(rig.app, rig.admin, {
      title: 'Desk lamp',
      price: 4500,
      stock: 20,
    }));
  }, 180_000);
  afterAll(() => rig?.stop());

  /** A guest's confirmed order of two lamps (EUR 90.00 before shipping), paid with the test provider. */
  async function shopperOrder(): Promise<{ id: string; displayId: string; total: number }> {
    const res = await checkoutAndWait(rig.app, await guestCart(rig.app, variantId, 2), optionId, {
      provider: 'test',
      token: 'tok_success',
    });
    expect(res.statusCode, res.body).toBe(200);
    const { order } = res.json();
    expect(order.status).toBe('confirmed');
    return { id: order.id, displayId: order.displayId, total: order.totals.total };
  }

  const payment = async (orderId: string) =>
    (await rig.app.request('GET', `/admin/payments?orderId=${orderId}`, { token: rig.admin })).json().items[0];

  async function openOrder(page: Page, displayId: string) {
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('link', { name: 'Orders', exact: true }).click();
    await page
      .getByRole('table', { name: 'Orders' })
      .getByRole('link', { name: displayId })
      .click({ timeout: uiTimeout });
    await page.getByRole('heading', { name: `Order ${displayId}` }).waitFor({ timeout: uiTimeout });
  }

  async function ship(page: Page, tracking: string) {
    const shipment = page.getByRole('region', { name: 'Shipment' });
    await shipment.getByLabel('Tracking number').fill(tracking, { timeout: uiTimeout });
    await shipment.getByRole('button', { name: 'Ship' }).click();
    await shipment.getByText(tracking).waitFor({ timeout: uiTimeout });
    await shipment.getByLabel('Shipment status: shipped').waitFor({ timeout: uiTimeout });
    // Captured on shipment: the page reads the payment again until the capture shows.
    await page.getByLabel('Payment status: captured').waitFor({ timeout: uiTimeout });
  }

  it(
    'staff find the order, ship it with tracking, refund part of it and see the refund',
    { timeout: 180_000 },
    async () => {
      const order = await shopperOrder();
      const context = await rig.browser.newContext({ baseURL: rig.baseUrl });
      const page = await context.newPage();
      await signIn(page, owner.email, owner.password);

      // Found by status and email in the list.
      const nav = page.getByRole('navigation', { name: 'Sections' });
      await nav.getByRole('link', { name: 'Orders', exact: true }).click();
      await page.getByRole('textbox', { name: 'Customer email' }).fill('ada@example.com');
      await page
        .getByRole('table', { name: 'Orders' })
        .getByRole('link', { name: order.displayId })
        .waitFor({ timeout: uiTimeout });
      await expectAccessible(page);
      await openOrder(page, order.displayId);
      await page.getByRole('table', { name: 'Order lines' }).getByText('Desk lamp').waitFor({ timeout: uiTimeout });
      await page.getByRole('region', { name: 'Shipping address' }).getByText('1 Platz').waitFor();

      await ship(page, 'TRK-4242-ABC');
      await rig.screenshot(page, 'order-shipped');

      // A partial refund of EUR 10.00, typed in major units, sent as 1000 minor units.
      await page.getByRole('button', { name: 'Refund', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Refund order ${order.displayId}` });
      await dialog.getByLabel('Part of it').check();
      await dialog.getByLabel('Amount (EUR)').fill('10.00');
      await dialog.getByRole('button', { name: 'Confirm refund' }).click();
      await page.getByLabel('Payment status: partially refunded').waitFor({ timeout: uiTimeout });
      await page.getByTestId('payment-refunded').getByText('€10.00').waitFor({ timeout: uiTimeout });
      await page
        .getByRole('region', { name: 'Timeline' })
        .getByText(/shipped/)
        .first()
        .waitFor();
      await rig.screenshot(page, 'order-refunded');
      await expectAccessible(page);

      const paid = await payment(order.id);
      expect(paid).toMatchObject({ status: 'partially_refunded', refundedAmount: 1000, capturedAmount: order.total });
      expect(paid.refunds).toEqual([expect.objectContaining({ amount: 1000, status: 'succeeded' })]);
      const shipments = (
        await rig.app.request('GET', `/admin/shipments?orderId=${order.id}`, { token: rig.admin })
      ).json();
      expect(shipments.items[0]).toMatchObject({
        status: 'shipped',
        carrier: 'manual',
        trackingNumber: 'TRK-4242-ABC',
      });
      await context.close();
    },
  );

  it('a member who may fulfil but not refund ships an order and never sees Refund', { timeout: 180_000 }, async () => {
    const role = await rig.app.request('POST', '/admin/roles', {
      token: rig.admin,
      body: { name: 'dispatch', permissions: ['orders:read', 'orders:fulfil', 'shipping:write'] },
    });
    expect(role.statusCode, role.body).toBe(201);
    const email = uniqueEmail('dispatch');
    const invited = await rig.app.request('POST', '/admin/staff/invites', {
      token: rig.admin,
      body: { email, roles: ['dispatch'] },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const token = await mailedToken(rig.smtp, email, /invited/i);
    const order = await shopperOrder();

    const context = await rig.browser.newContext({ baseURL: rig.baseUrl });
    const page = await context.newPage();
    await page.goto(`/dashboard/accept-invite?token=${encodeURIComponent(token)}`);
    await page.getByLabel('First name').fill('Fin');
    await page.getByLabel(/^Password/).fill('Dispatch-password-42');
    await page.getByRole('button', { name: 'Accept the invite' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor({ timeout: uiTimeout });

    await openOrder(page, order.displayId);
    await ship(page, 'TRK-7-DISPATCH');
    // Refundable now (captured), yet neither Refund nor Cancel exists for this member.
    expect((await payment(order.id)).refundableAmount).toBe(order.total);
    expect(await page.getByRole('button', { name: 'Refund' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Mark delivered' }).click();
    await page.getByLabel('Shipment status: delivered').waitFor({ timeout: uiTimeout });
    const shipments = (
      await rig.app.request('GET', `/admin/shipments?orderId=${order.id}`, { token: rig.admin })
    ).json();
    expect(shipments.items[0]).toMatchObject({ status: 'delivered', trackingNumber: 'TRK-7-DISPATCH' });
    await context.close();
  });
});
