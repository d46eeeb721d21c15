// Shared setup of the analytics tests: a seeded sales history published as the order and payment
// modules would (batched, through the bus), and the same history summed independently in JS.
import { v7 as uuidv7 } from 'uuid';
import { OrderConfirmed } from '../../src/modules/order/contract.ts';
import { PaymentRefunded } from '../../src/modules/payment/contract.ts';
import type { EventDef, PayloadOf } from '../../src/platform/bus/event.ts';
import { eventually, type TestApp } from './app.ts';

export interface Sale {
  at: string;
  currency: string;
  amount: number;
  kind: 'order' | 'refund' | 'cancel' | 'capture';
}

/** A small deterministic PRNG (mulberry32): the same seed, the same history. */
export function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const address = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  line1: '1 Analytical Way',
  city: 'London',
  postalCode: 'N1 1AA',
  countryCode: 'GB',
};

export type Line = { variantId: string; quantity: number; unitPrice: number };

export function confirmedOrder(o: {
  currency: 'EUR' | 'USD';
  total: number;
  at: string;
  variantId?: string;
  lines?: Line[];
}) {
  const orderId = uuidv7();
  const variantId = o.variantId ?? uuidv7();
  const lines = (o.lines ?? [{ variantId, quantity: 1, unitPrice: o.total }]).map((l) => ({
    lineId: uuidv7(),
    variantId: l.variantId,
    sku: 'SKU-1',
    title: 'Mug',
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discount: 0,
    tax: 0,
    total: l.unitPrice * l.quantity,
  }));
  return {
    orderId,
    displayId: `T-${orderId.slice(-6)}`,
    customerId: null,
    email: 'buyer@example.com',
    currency: o.currency,
    lines,
    totals: { subtotal: o.total, discount: 0, shipping: 0, tax: 0, total: o.total },
    shippingAddress: address,
    shippingOptionId: uuidv7(),
    paymentId: uuidv7(),
    confirmedAt: o.at,
  } satisfies PayloadOf<typeof OrderConfirmed>;
}

/** Publishes many events of one kind as `producer`, 500 to a transaction. */
export async function publishBatched<E extends EventDef>(
  app: TestApp,
  producer: string,
  event: E,
  all: PayloadOf<E>[],
) {
  const envelopes = [];
  for (let i = 0; i < all.length; i += 500)
    envelopes.push(
      ...(await app.platform.orm.em
        .fork()
        .transactional((em) => app.platform.bus.publishAll(em, event, all.slice(i, i + 500), { producer }))),
    );
  return envelopes;
}

/**
 * `orders` confirmed orders spread over the `days` before `end`, in EUR and USD; every 10th is half
 * refunded and every 37th voided (a void is no refund). Returns every sale that should count.
 */
export async function seedSales(app: TestApp, opts: { orders: number; days: number; end: Date; seed: number }) {
  const random = rng(opts.seed);
  const span = opts.days * 86_400_000;
  const orders = Array.from({ length: opts.orders }, () =>
    confirmedOrder({
      currency: random() < 0.6 ? 'EUR' : 'USD',
      total: 500 + Math.floor(random() * 49_500),
      at: new Date(opts.end.getTime() - Math.floor(random() * span)).toISOString(),
    }),
  );
  const refunds = orders.flatMap((o, i) =>
    i % 10 === 0 || i % 37 === 0
      ? [
          {
            orderId: o.orderId,
            paymentId: o.paymentId,
            amount: i % 37 === 0 ? o.totals.total : Math.floor(o.totals.total / 2),
            currency: o.currency,
            voided: i % 37 === 0,
          },
        ]
      : [],
  );
  await publishBatched(app, 'order', OrderConfirmed, orders);
  const refundEnvelopes = await publishBatched(app, 'payment', PaymentRefunded, refunds);
  const sales: Sale[] = [
    ...orders.map((o) => ({ at: o.confirmedAt, currency: o.currency, amount: o.totals.total, kind: 'order' as const })),
    ...refundEnvelopes
      .filter((e) => !e.payload.voided)
      .map((e) => ({
        at: e.occurredAt,
        currency: e.payload.currency,
        amount: e.payload.amount,
        kind: 'refund' as const,
      })),
  ];
  return { orders, sales };
}

/** Waits until the analytics module has stored `count` facts. */
export const factsStored = (app: TestApp, count: number) =>
  eventually(async () => {
    const [{ n }] = await app.db.query('select count(*)::int as n from analytics.facts');
    if (n !== count) throw new Error(`${n} of ${count} facts`);
    return true;
  }, 120_000);

/** The local day (YYYY-MM-DD) of an instant in `tz`, by Intl, not by the code under test. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
export function localDay(iso: string, tz: string): string {
  let f = dayFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(tz, f);
  }
  return f.format(new Date(iso));
}

export function periodOf(day: string, grain: 'day' | 'week' | 'month'): string {
  if (grain === 'day') return day;
  if (grain === 'month') return `${day.slice(0, 7)}-01`;
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** The sales report computed from the raw history, rows sorted as the API sorts them. */
export function expectedSales(sales: Sale[], tz: string, grain: 'day' | 'week' | 'month', from: string, to: string) {
  type Row = { period: string; currency: string; orders: number; revenue: number; refunds: number; refunded: number };
  const rows = new Map<string, Row & { cancellations: number; captured: number }>();
  for (const s of sales) {
    const day = localDay(s.at, tz);
    if (day < from || day > to) continue;
    const period = periodOf(day, grain);
    const key = `${period}|${s.currency}`;
    const r = rows.get(key) ?? {
      period,
      currency: s.currency,
      orders: 0,
      revenue: 0,
      refunds: 0,
      refunded: 0,
      cancellations: 0,
      captured: 0,
    };
    if (s.kind === 'order') {
      r.orders++;
      r.revenue += s.amount;
    } else if (s.kind === 'refund') {
      r.refunds++;
      r.refunded += s.amount;
    } else if (s.kind === 'cancel') r.cancellations++;
    else r.captured += s.amount;
    rows.set(key, r);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, r]) => ({ ...r, averageOrderValue: r.orders ? Math.round(r.revenue / r.orders) : 0 }));
}
