import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ShipmentShipped } from '../src/modules/shipping/contract.ts';
import { queueName } from '../src/platform/bus/index.ts';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { checkoutAndWait, guestCart, stockedVariant } from './helpers/shop.ts';
import { staffToken } from './helpers/staff.ts';

/** The order timeline and the order list's filters, over HTTP through real checkouts (issue 16). */
describe('order timeline', () => {
  let app: TestApp;
  let admin: string;
  let variantId: string;
  let optionId: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await adminToken(app);
    ({ variantId, optionId } = await stockedVariant(app, admin, { title: 'Timeline tee', price: 2500, stock: 50 }));
  });
  afterAll(() => app?.stop());

  const as = (method: string, url: string, body?: unknown, token = admin) => app.request(method, url, { token, body });
  const placeOrder = async () => {
    const cartId = await guestCart(app, variantId, 2);
    const res = await checkoutAndWait(app, cartId, optionId, { provider: 'test', token: 'tok_success' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().order.status).toBe('confirmed');
    return res.json().order as { id: string; displayId: string };
  };
  const timeline = async (orderId: string) => {
    const res = await as('GET', `/admin/orders/${orderId}/timeline`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().entries as { kind: string; actor: { staffId: string } | null; details: any; eventId: string }[];
  };
  const kinds = async (orderId: string) => (await timeline(orderId)).map((e) => e.kind);

  it('tells an order from placing to delivery and a staff refund, oldest first; a redelivery adds nothing', async () => {
    const order = await placeOrder();
    const staff = uuidv7();
    const clerk = await staffToken(app, ['orders:read', 'orders:fulfil', 'orders:refund'], staff);
    const shipment = await eventually(
      async () => (await as('GET', `/admin/shipments?orderId=${order.id}`)).json().items[0],
    );
    const shipped = await as(
      'POST',
      `/admin/shipments/${shipment.id}/ship`,
      { carrier: 'manual', trackingNumber: 'TRACK-42' },
      clerk,
    );
    expect(shipped.statusCode, shipped.body).toBe(200);
    await eventually(async () => (await kinds(order.id)).includes('payment_captured'));
    expect((await as('POST', `/admin/shipments/${shipment.id}/deliver`, undefined, clerk)).statusCode).toBe(200);
    const refund = await as('POST', `/admin/orders/${order.id}/refund`, { amount: 500, reason: 'scuffed' }, clerk);
    expect(refund.statusCode, refund.body).toBe(202);
    await eventually(async () => {
      const k = await kinds(order.id);
      return k.includes('payment_refunded') && k.includes('delivered');
    });

    const entries = await timeline(order.id);
    const at = (kind: string) => entries.findIndex((e) => e.kind === kind);
    expect(entries[0]).toMatchObject({ kind: 'placed', actor: null, details: { items: 2, currency: 'EUR' } });
    for (const kind of [
      'priced',
      'items_reserved',
      'payment_requested',
      'payment_authorized',
      'confirmed',
      'shipped',
      'payment_captured',
      'delivered',
      'refund_requested',
      'payment_refunded',
    ])
      expect(at(kind), kind).toBeGreaterThan(0);
    expect(at('payment_requested')).toBeGreaterThan(Math.max(at('priced'), at('items_reserved')));
    expect(at('confirmed')).toBeGreaterThan(at('payment_authorized'));
    expect(at('shipped')).toBeGreaterThan(at('confirmed'));
    expect(at('payment_refunded')).toBeGreaterThan(at('refund_requested'));
    expect(entries[at('shipped')]).toMatchObject({
      actor: { staffId: staff },
      details: { carrier: 'manual', trackingNumber: 'TRACK-42' },
    });
    expect(entries[at('delivered')].actor).toEqual({ staffId: staff });
    expect(entries[at('refund_requested')]).toMatchObject({
      actor: { staffId: staff },
      details: { amount: 500, reason: 'scuffed' },
    });
    expect(entries[at('payment_refunded')].details).toMatchObject({ amount: 500, voided: false });
    expect(entries.length).toBe(new Set(entries.map((e) => `${e.kind}:${e.eventId}`)).size);

    // shipment.shipped delivered again to the order module, as a crash between commit and ack would.
    const queue = queueName('order', ShipmentShipped.name);
    const [job] = await app.platform.bus.boss.findJobs(queue, { data: { id: entries[at('shipped')].eventId } });
    const again = await app.platform.bus.boss.send(queue, job.data as object);
    await eventually(
      async () =>
        (await app.db.query(`select 1 from pgboss.job where id = $1 and state < 'completed'`, [again])).length === 0,
    );
    expect(await timeline(order.id)).toEqual(await timeline(order.id));
    expect((await timeline(order.id)).length).toBe(entries.length);
  });

  it('names the staff member who canceled; an unknown order is a 404, a bad id a 400, no permission a 403', async () => {
    const order = await placeOrder();
    const staff = uuidv7();
    const clerk = await staffToken(app, ['orders:read', 'orders:write'], staff);
    expect(
      (await as('POST', `/admin/orders/${order.id}/cancel`, { reason: 'customer called' }, clerk)).statusCode,
    ).toBe(200);
    const entries = await timeline(order.id);
    expect(entries.at(-1)).toMatchObject({
      kind: 'canceled',
      actor: { staffId: staff },
      details: { reason: 'customer called', code: 'canceled_by_staff' },
    });
    const missing = await as('GET', `/admin/orders/${uuidv7()}/timeline`);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect((await as('GET', '/admin/orders/nope/timeline')).statusCode).toBe(400);
    const stranger = await staffToken(app, ['catalog:read']);
    expect((await as('GET', `/admin/orders/${order.id}/timeline`, undefined, stranger)).statusCode).toBe(403);
  });

  it('filters the order list by order number, part of the email, and placing time', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const order = await placeOrder();
    const ids = async (query: string) => {
      const res = await as('GET', `/admin/orders?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((o: any) => o.id) as string[];
    };
    expect(await ids(`q=${order.displayId}`)).toEqual([order.id]);
    expect(await ids(`q=${order.displayId.slice(1)}`)).toEqual([order.id]);
    expect(await ids('q=ADA%40EXAMPLE')).toContain(order.id);
    expect(await ids('q=nobody-here')).toEqual([]);
    expect(await ids('q=%25')).toEqual([]);
    expect(await ids(`placedFrom=${encodeURIComponent(before)}`)).toContain(order.id);
    expect(await ids(`placedTo=${encodeURIComponent(before)}`)).not.toContain(order.id);
    expect(await ids(`status=confirmed&placedFrom=${encodeURIComponent(before)}&q=ada`)).toContain(order.id);
    expect((await as('GET', '/admin/orders?placedFrom=yesterday')).statusCode).toBe(400);
  });
});
