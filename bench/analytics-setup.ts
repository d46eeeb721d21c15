/**
 * What bench/analytics.ts and bench/analytics-diagnose.ts both start from: the app (user +
 * analytics) booted on a fresh database, a year of confirmed orders published through the bus as
 * the order module would, and a staff token that may read the reports.
 */
import { v7 as uuidv7 } from 'uuid';
import { OrderConfirmed } from '../src/modules/order/contract.ts';
import type { PayloadOf } from '../src/platform/bus/index.ts';
import { boot } from '../src/platform/host/boot.ts';
import { createBenchDatabase, sleep, type BenchDatabase } from './lib.ts';

export const DAY = 86_400_000;
const VARIANTS = Array.from({ length: 200 }, () => uuidv7());

/** Order `i` of a year ending at `end`: one line, 5 to 500 EUR or USD, spread over the 365 days. */
export const salesOrder = (i: number, end: number): PayloadOf<typeof OrderConfirmed> => {
  const total = 500 + ((i * 7919) % 49_500);
  return {
    orderId: uuidv7(),
    displayId: `B-${i}`,
    customerId: null,
    email: 'bench@example.com',
    currency: i % 3 ? 'EUR' : 'USD',
    lines: [
      {
        lineId: uuidv7(),
        variantId: VARIANTS[i % VARIANTS.length],
        sku: 'B',
        title: 'B',
        quantity: 1,
        unitPrice: total,
        discount: 0,
        tax: 0,
        total,
      },
    ],
    totals: { subtotal: total, discount: 0, shipping: 0, tax: 0, total },
    shippingAddress: { firstName: 'A', lastName: 'B', line1: '1 Way', city: 'C', postalCode: '1', countryCode: 'GB' },
    shippingOptionId: uuidv7(),
    paymentId: uuidv7(),
    confirmedAt: new Date(end - ((i * 2_654_435_761) % (365 * DAY))).toISOString(),
  };
};

export type AnalyticsApp = Awaited<ReturnType<typeof boot>>;

/** A fresh database and the app hosting user + analytics on it; the caller closes both. */
export async function startAnalyticsApp(): Promise<{ db: BenchDatabase; tessera: AnalyticsApp }> {
  const db = await createBenchDatabase();
  try {
    const tessera = await boot({
      overrides: { DATABASE_URL: db.url, MODULES: 'user,analytics', LOG_LEVEL: 'warn', SEED_DEMO: false },
    });
    return { db, tessera };
  } catch (err) {
    await db.drop();
    throw err;
  }
}

/** Publishes `orders` confirmed orders (batches of 1,000) and waits until every fact is stored. */
export async function publishYearOfSales(tessera: AnalyticsApp, orders: number, end: number): Promise<void> {
  const { platform } = tessera;
  for (let i = 0; i < orders; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, orders - i) }, (_, k) => salesOrder(i + k, end));
    await platform.orm.em
      .fork()
      .transactional((em) => platform.bus.publishAll(em, OrderConfirmed, batch, { producer: 'order' }));
  }
  const facts = async () =>
    Number((await platform.orm.em.fork().getConnection().execute('select count(*) as n from analytics.facts'))[0].n);
  while ((await facts()) < orders) await sleep(500);
}

/** A staff token holding analytics:read, and the 365-day range ending at `end` as query parameters. */
export async function analystRequest(tessera: AnalyticsApp, end: number) {
  const token = await tessera.platform.tokens.sign({
    kind: 'staff',
    sub: uuidv7(),
    email: 'analyst@example.com',
    permissions: ['analytics:read'],
  });
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const from = day(end - 364 * DAY);
  const to = day(end);
  return { headers: { authorization: `Bearer ${token}` }, from, to, range: `from=${from}&to=${to}` };
}
