// A generated shop history for the analytics tests, published as its owners would publish it
// (product, order, payment, analytics' own storefront events), and the facts each report should
// show, kept here as plain lists the expectations sum independently of the module.
import { v7 as uuidv7 } from 'uuid';
import {
  CartCreated,
  CartItemAdded,
  OrderCanceled,
  OrderConfirmed,
  OrderPlaced,
} from '../../src/modules/order/contract.ts';
import { PaymentCaptured, PaymentRefunded } from '../../src/modules/payment/contract.ts';
import { ProductCreated, ProductUpdated, SearchFoundNothing } from '../../src/modules/product/contract.ts';
import { ProductViewed } from '../../src/modules/analytics/contract.ts';
import type { TestApp } from './app.ts';
import { confirmedOrder, publishBatched, rng, type Line, type Sale } from './analytics.ts';

export type Step = 'viewed' | 'cart' | 'added' | 'checkout' | 'confirmed';
export type SoldLine = { at: string; currency: string; productId: string; quantity: number; total: number };
export type Product = { productId: string; title: string; categoryIds: string[]; variantIds: string[] };

export interface History {
  sales: Sale[];
  steps: { at: string; step: Step }[];
  lines: SoldLine[];
  misses: { at: string; query: string }[];
  products: Map<string, Product>;
  /** How many facts the module should store (events it keeps, compensations and all). */
  facts: number;
}

const address = { firstName: 'A', lastName: 'B', line1: '1 Way', city: 'C', postalCode: '1', countryCode: 'GB' };
/** Texts shoppers searched for in vain; one a spreadsheet would run, one needing CSV quotes. */
export const MISSED = [
  'unicorn mug',
  '=HYPERLINK("http://x")',
  'merino, sweater',
  'socks xxl',
  'pink teapot',
  '+1 cable',
];

const snapshot = (p: Product, version: number) => ({
  productId: p.productId,
  version,
  handle: `p-${p.productId.slice(-8)}`,
  title: p.title,
  status: 'published' as const,
  categoryIds: p.categoryIds,
  collectionIds: [],
  thumbnail: null,
  variants: p.variantIds.map((variantId, i) => ({
    variantId,
    sku: `S-${i}`,
    title: 'V',
    options: {},
    weightGrams: null,
  })),
});

/**
 * `orders` confirmed orders over `days` in EUR and USD, of 40 products in 6 categories (one
 * product renamed and moved later, then an older snapshot of it delivered late), with refunds,
 * captures, cancellations (and their repeats, which are no new cancellation), and the funnel's
 * views, carts, adds and checkouts, and searches that found nothing.
 */
export async function seedHistory(app: TestApp, opts: { orders: number; days: number; end: Date; seed: number }) {
  const random = rng(opts.seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const at = () => new Date(opts.end.getTime() - Math.floor(random() * opts.days * 86_400_000)).toISOString();
  const categories = Array.from({ length: 6 }, () => uuidv7());
  const products = new Map<string, Product>();
  const byVariant = new Map<string, Product>();
  for (let i = 0; i < 40; i++) {
    const p = {
      productId: uuidv7(),
      title: `Product ${i}`,
      variantIds: [uuidv7(), uuidv7()],
      categoryIds: [pick(categories)],
    };
    if (i % 3 === 0) p.categoryIds.push(categories[(categories.indexOf(p.categoryIds[0]) + 1) % 6]);
    products.set(p.productId, p);
    for (const v of p.variantIds) byVariant.set(v, p);
  }
  await publishBatched(
    app,
    'product',
    ProductCreated,
    [...products.values()].map((p) => snapshot(p, 1)),
  );
  const moved = [...products.values()][0];
  const old = { ...moved };
  Object.assign(moved, { title: '=Renamed, "mug"', categoryIds: [categories[5]] });
  await publishBatched(app, 'product', ProductUpdated, [snapshot(moved, 3)]);
  await publishBatched(app, 'product', ProductUpdated, [snapshot(old, 2)]); // (late: ignored)

  const price = (variantId: string, currency: string) =>
    (500 + (parseInt(variantId.slice(-4), 16) % 4000)) * (currency === 'USD' ? 11 : 10);
  const history: History = { sales: [], steps: [], lines: [], misses: [], products, facts: 0 };
  const orders = Array.from({ length: opts.orders }, () => {
    const currency = random() < 0.6 ? ('EUR' as const) : ('USD' as const);
    const lines: Line[] = [];
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
      const variantId = pick([...byVariant.keys()]);
      if (!lines.some((l) => l.variantId === variantId))
        lines.push({ variantId, quantity: 1 + Math.floor(random() * 3), unitPrice: price(variantId, currency) });
    }
    const total = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0) + 490; // (+ shipping)
    return confirmedOrder({ currency, total, at: at(), lines });
  });
  for (const o of orders) {
    history.sales.push({ at: o.confirmedAt, currency: o.currency, amount: o.totals.total, kind: 'order' });
    history.steps.push({ at: o.confirmedAt, step: 'confirmed' });
    for (const l of o.lines) {
      const { productId } = byVariant.get(l.variantId)!;
      history.lines.push({ at: o.confirmedAt, currency: o.currency, productId, quantity: l.quantity, total: l.total });
    }
  }
  await publishBatched(app, 'order', OrderConfirmed, orders);

  const refunds = orders.flatMap((o, i) =>
    i % 10 === 0 || i % 37 === 0
      ? [
          {
            orderId: o.orderId,
            paymentId: o.paymentId,
            currency: o.currency,
            voided: i % 37 === 0,
            amount: i % 37 === 0 ? o.totals.total : Math.floor(o.totals.total / 2),
          },
        ]
      : [],
  );
  for (const e of await publishBatched(app, 'payment', PaymentRefunded, refunds))
    if (!e.payload.voided)
      history.sales.push({ at: e.occurredAt, currency: e.payload.currency, amount: e.payload.amount, kind: 'refund' });
  const captures = orders
    .filter((_, i) => i % 3 === 0)
    .map((o) => ({ orderId: o.orderId, paymentId: o.paymentId, amount: o.totals.total, currency: o.currency }));
  for (const e of await publishBatched(app, 'payment', PaymentCaptured, captures))
    history.sales.push({ at: e.occurredAt, currency: e.payload.currency, amount: e.payload.amount, kind: 'capture' });

  const canceled = Array.from({ length: 300 }, (_, i) => ({
    orderId: uuidv7(),
    displayId: `C-${i}`,
    customerId: null,
    email: 'c@example.com',
    reason: 'payment declined',
    reasonCode: 'payment_failed' as const,
    reservationId: null,
    paymentId: null,
    canceledAt: at(),
    ...(i < 280 ? { currency: pick(['EUR', 'USD'] as const), total: 1000 + i } : {}), // (20 from before currencies)
  }));
  const repeats = canceled.slice(0, 50).map((c) => ({ ...c, reasonCode: 'compensation' as const, canceledAt: at() }));
  await publishBatched(app, 'order', OrderCanceled, [...canceled, ...repeats]);
  for (const c of canceled)
    if (c.currency) history.sales.push({ at: c.canceledAt, currency: c.currency, amount: 0, kind: 'cancel' });

  const timed = <T>(n: number, step: Step, make: (at: string) => T) =>
    Array.from({ length: n }, () => {
      const when = at();
      history.steps.push({ at: when, step });
      return make(when);
    });
  const productIds = [...products.keys()];
  await publishBatched(
    app,
    'analytics',
    ProductViewed,
    timed(8000, 'viewed', (viewedAt) => ({ productId: pick(productIds), customerId: null, sessionId: null, viewedAt })),
  );
  await publishBatched(
    app,
    'order',
    CartCreated,
    timed(5500, 'cart', (createdAt) => ({ cartId: uuidv7(), customerId: null, currency: 'EUR' as const, createdAt })),
  );
  await publishBatched(
    app,
    'order',
    CartItemAdded,
    timed(7000, 'added', (addedAt) => {
      const variantId = pick([...byVariant.keys()]);
      return {
        cartId: uuidv7(),
        customerId: null,
        productId: byVariant.get(variantId)!.productId,
        variantId,
        quantity: 1,
        currency: 'USD' as const,
        addedAt,
      };
    }),
  );
  await publishBatched(
    app,
    'order',
    OrderPlaced,
    timed(5400, 'checkout', (placedAt) => ({
      orderId: uuidv7(),
      customerId: null,
      email: 'x@example.com',
      currency: 'EUR' as const,
      lines: [{ lineId: uuidv7(), variantId: uuidv7(), quantity: 1 }],
      promotionCode: null,
      shippingOptionId: uuidv7(),
      shippingAmount: 490,
      shippingAddress: address,
      placedAt,
    })),
  );
  const misses = Array.from({ length: 400 }, (_, i) => ({
    query: MISSED[i % 3 === 0 ? 0 : Math.floor(random() * MISSED.length)],
    searchedAt: at(),
  }));
  await publishBatched(app, 'product', SearchFoundNothing, misses);
  history.misses = misses.map((m) => ({ at: m.searchedAt, query: m.query }));
  history.facts =
    orders.length +
    refunds.filter((r) => !r.voided).length +
    captures.length +
    canceled.length +
    8000 +
    5500 +
    7000 +
    5400 +
    400;
  return history;
}
