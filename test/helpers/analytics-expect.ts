// What each analytics report should say about a generated history, computed in plain JS from the
// history's own lists (never from the module's tables or code).
import { localDay, periodOf } from './analytics.ts';
import type { History, Step } from './analytics-history.ts';

type Grain = 'day' | 'week' | 'month';
const rate = (a: number, b: number) => (b === 0 ? 0 : Number((a / b).toFixed(4)));
const inRange = (at: string, tz: string, from: string, to: string) => {
  const day = localDay(at, tz);
  return day >= from && day <= to;
};

export function expectedFunnel(h: History, tz: string, grain: Grain, from: string, to: string) {
  const periods = new Map<string, Record<Step, number>>();
  for (const s of h.steps) {
    if (!inRange(s.at, tz, from, to)) continue;
    const period = periodOf(localDay(s.at, tz), grain);
    const counts = periods.get(period) ?? { viewed: 0, cart: 0, added: 0, checkout: 0, confirmed: 0 };
    counts[s.step]++;
    periods.set(period, counts);
  }
  return [...periods.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([period, c]) => ({
      period,
      viewed: c.viewed,
      addedToCart: c.added,
      checkoutStarted: c.checkout,
      confirmed: c.confirmed,
      carts: c.cart,
      viewToCart: rate(c.added, c.viewed),
      cartToCheckout: rate(c.checkout, c.added),
      checkoutToConfirmed: rate(c.confirmed, c.checkout),
      viewToConfirmed: rate(c.confirmed, c.viewed),
    }));
}

/** The top `limit` per currency of (key -> units, revenue), ties broken as documented. */
function rank<K extends string>(
  sums: Map<string, { currency: string; key: string; units: number; revenue: number }>,
  by: 'units' | 'revenue',
  limit: number,
  keyName: K,
) {
  const [first, second] = by === 'units' ? (['units', 'revenue'] as const) : (['revenue', 'units'] as const);
  const rows = [...sums.values()].sort(
    (a, b) =>
      (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0) ||
      b[first] - a[first] ||
      b[second] - a[second] ||
      (a.key < b.key ? -1 : 1),
  );
  const out: ({ currency: string; rank: number; units: number; revenue: number } & Record<K, string>)[] = [];
  for (const r of rows) {
    const rankInCurrency = out.filter((o) => o.currency === r.currency).length + 1;
    if (rankInCurrency <= limit)
      out.push({
        currency: r.currency,
        rank: rankInCurrency,
        [keyName]: r.key,
        units: r.units,
        revenue: r.revenue,
      } as never);
  }
  return out;
}

function sumLines(h: History, q: { tz: string; from: string; to: string }, keysOf: (productId: string) => string[]) {
  const sums = new Map<string, { currency: string; key: string; units: number; revenue: number }>();
  for (const l of h.lines) {
    if (!inRange(l.at, q.tz, q.from, q.to)) continue;
    for (const key of keysOf(l.productId)) {
      const s = sums.get(`${l.currency}|${key}`) ?? { currency: l.currency, key, units: 0, revenue: 0 };
      s.units += l.quantity;
      s.revenue += l.total;
      sums.set(`${l.currency}|${key}`, s);
    }
  }
  return sums;
}

type RankQ = { tz: string; from: string; to: string; by: 'units' | 'revenue'; limit: number };

export const expectedTopProducts = (h: History, q: RankQ) =>
  rank(
    sumLines(h, q, (p) => [p]),
    q.by,
    q.limit,
    'productId',
  ).map((r) => ({
    currency: r.currency,
    rank: r.rank,
    productId: r.productId,
    title: h.products.get(r.productId)!.title,
    units: r.units,
    revenue: r.revenue,
  }));

export const expectedTopCategories = (h: History, q: RankQ) =>
  rank(
    sumLines(h, q, (p) => h.products.get(p)!.categoryIds),
    q.by,
    q.limit,
    'categoryId',
  );

export function expectedMisses(h: History, q: { tz: string; from: string; to: string; limit: number }) {
  const sums = new Map<string, { query: string; searches: number; lastSeen: string }>();
  for (const m of h.misses) {
    if (!inRange(m.at, q.tz, q.from, q.to)) continue;
    const s = sums.get(m.query) ?? { query: m.query, searches: 0, lastSeen: m.at };
    s.searches++;
    if (m.at > s.lastSeen) s.lastSeen = m.at;
    sums.set(m.query, s);
  }
  return [...sums.values()]
    .sort((a, b) => b.searches - a.searches || (a.query < b.query ? -1 : 1))
    .slice(0, q.limit)
    .map((s) => ({ ...s, lastSeen: new Date(s.lastSeen).toISOString() }));
}
