// Shared setup of the shipment tests (test/shipping-shipments*.test.ts).
import { v7 as uuidv7 } from 'uuid';
import { OrderCanceled, OrderConfirmed } from '../../src/modules/order/contract.ts';
import { ShipmentCreated, ShipmentDelivered, ShipmentShipped } from '../../src/modules/shipping/contract.ts';
import type { EventDef, PayloadOf } from '../../src/platform/bus/event.ts';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './app.ts';

export interface ShipmentsContext {
  app: TestApp;
  admin: string;
  customer: string;
  standardId: string;
  probes: Record<string, string>;
}

/** An app with the user and shipping modules, a probe queue per shipment event and the seeded standard option's id. */
export async function startShipmentsApp(): Promise<ShipmentsContext> {
  const probes: Record<string, string> = {};
  const app = await startTestApp({ MODULES: 'user,shipping' });
  const admin = await adminToken(app);
  const customer = (await registerCustomer(app)).token;
  // Subscribers of our own, never worked: every shipment event stays in its queue to be read.
  for (const e of [ShipmentCreated, ShipmentShipped, ShipmentDelivered])
    probes[e.name] = await app.platform.bus.declare('probe', e.name);
  const standardId = (await app.db.query(`select id from shipping.options where code = 'standard'`))[0].id;
  return { app, admin, customer, standardId, probes };
}

export const address = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  line1: '12 St James Sq',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  countryCode: 'GB',
  phone: null,
};

/** Event, query and request shorthands over the context `ctx` returns (read at call time, after `beforeAll`). */
export function shipmentHelpers(ctx: () => ShipmentsContext) {
  /** Publishes as the order module would and waits until shipping has handled it. */
  const announce = async <E extends EventDef>(event: E, payload: PayloadOf<E>) => {
    const { app } = ctx();
    const env = await app.platform.orm.em
      .fork()
      .transactional((em) => app.platform.bus.publish(em, event, payload, { producer: 'order' }));
    await eventually(
      async () => (await app.db.query('select 1 from shipping.inbox where event_id = $1', [env.id])).length > 0,
    );
    return env;
  };
  const confirmed = (orderId: string, shippingOptionId = ctx().standardId): PayloadOf<typeof OrderConfirmed> => ({
    orderId,
    displayId: `T-${orderId.slice(-6)}`,
    customerId: null,
    email: 'ada@example.com',
    currency: 'EUR',
    lines: [
      {
        lineId: uuidv7(),
        variantId: uuidv7(),
        sku: 'MUG-1',
        title: 'Mug',
        quantity: 2,
        unitPrice: 1200,
        discount: 0,
        tax: 456,
        total: 2400,
      },
      {
        lineId: uuidv7(),
        variantId: uuidv7(),
        sku: 'TEE-M',
        title: 'Tee / M',
        quantity: 1,
        unitPrice: 2500,
        discount: 250,
        tax: 428,
        total: 2250,
      },
    ],
    totals: { subtotal: 4650, discount: 250, shipping: 495, tax: 884, total: 5145 },
    shippingAddress: address,
    shippingOptionId,
    paymentId: uuidv7(),
    confirmedAt: new Date().toISOString(),
  });
  const canceled = (orderId: string, reason = 'customer asked'): PayloadOf<typeof OrderCanceled> => ({
    orderId,
    displayId: `T-${orderId.slice(-6)}`,
    customerId: null,
    email: 'ada@example.com',
    reason,
    reservationId: null,
    paymentId: null,
    canceledAt: new Date().toISOString(),
  });
  const shipmentsOf = (orderId: string) =>
    ctx().app.db.query('select * from shipping.shipments where order_id = $1', [orderId]);
  const events = async (event: EventDef, orderId?: string) =>
    (
      await ctx().app.db.query(`select data->'payload' as p from pgboss.job where name = $1 order by created_on, id`, [
        ctx().probes[event.name],
      ])
    )
      .map((r) => r.p)
      .filter((p) => !orderId || p.orderId === orderId);
  /** A confirmed order's shipment (pending), through the event. */
  const pendingShipment = async (shippingOptionId?: string) => {
    const orderId = uuidv7();
    await announce(OrderConfirmed, confirmed(orderId, shippingOptionId));
    const [s] = await shipmentsOf(orderId);
    return { orderId, id: s.id as string };
  };
  const ship = (id: string, body: unknown = { carrier: 'manual', trackingNumber: 'TRK-0001' }, token = ctx().admin) =>
    ctx().app.request('POST', `/admin/shipments/${id}/ship`, { token, body });
  const deliver = (id: string, token = ctx().admin) =>
    ctx().app.request('POST', `/admin/shipments/${id}/deliver`, { token });
  return { announce, confirmed, canceled, shipmentsOf, events, pendingShipment, ship, deliver };
}
