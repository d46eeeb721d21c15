import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { expectedSales, factsStored, localDay } from './helpers/analytics.ts';
import { seedHistory, type History } from './helpers/analytics-history.ts';
import {
  expectedFunnel,
  expectedMisses,
  expectedTopCategories,
  expectedTopProducts,
} from './helpers/analytics-expect.ts';
import { staffToken } from './helpers/staff.ts';

/**
 * Analytics booted alone (with user, for tokens): product, order and payment played by publishing
 * a generated history of 5,000 confirmed orders over 90 days in two currencies, with refunds,
 * captures, cancellations, the funnel's steps and searches that found nothing.
 */
describe('analytics: reports from a generated history', () => {
  let app: TestApp;
  let analyst: string;
  let history: History;
  const end = new Date();
  // (the day after `end`: in zones ahead of UTC, e.g. Tokyo after 15:00 UTC, the newest orders fall on it)
  const to = localDay(new Date(end.getTime() + 86_400_000).toISOString(), 'UTC');
  const from = localDay(new Date(end.getTime() - 92 * 86_400_000).toISOString(), 'UTC');
  const get = (path: string, query: string, headers?: Record<string, string>) =>
    app.request('GET', `/admin/analytics/${path}?${query}`, { token: analyst, headers });
  const rowsOf = async (path: string, query: string) => {
    const res = await get(path, query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().rows;
  };

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,analytics' });
    analyst = await staffToken(app, ['analytics:read']);
    const started = performance.now();
    history = await seedHistory(app, { orders: 5000, days: 90, end, seed: 14 });
    // Three views as a storefront sends them, anonymous, with and without a session id.
    for (const sessionId of [undefined, 'session-0123456789abcdef', undefined]) {
      const productId = [...history.products.keys()][1];
      const res = await app.request('POST', '/store/events', {
        body: { type: 'product_viewed', productId, sessionId },
      });
      expect(res.statusCode, res.body).toBe(202);
      history.steps.push({ at: new Date().toISOString(), step: 'viewed' });
    }
    await factsStored(app, history.facts + 3);
    console.log(
      `analytics: ${history.facts + 3} facts published and rolled up in ${Math.round(performance.now() - started)} ms`,
    );
  }, 300_000);
  afterAll(() => app?.stop());

  it.each([
    ['UTC', 'day'],
    ['America/New_York', 'day'],
    ['Asia/Kolkata', 'day'],
    ['Europe/Paris', 'week'],
    ['Asia/Tokyo', 'month'],
  ] as const)('sales in %s by %s match an independent sum of the history', async (tz, grain) => {
    const rows = await rowsOf('sales', `from=${from}&to=${to}&tz=${encodeURIComponent(tz)}&granularity=${grain}`);
    const expected = expectedSales(history.sales, tz, grain, from, to);
    expect(expected.length).toBeGreaterThan(2);
    expect(rows).toEqual(expected);
    expect(rows.reduce((n: number, r: { orders: number }) => n + r.orders, 0)).toBe(5000);
    expect(rows.reduce((n: number, r: { cancellations: number }) => n + r.cancellations, 0)).toBe(280);
  });

  it('a sales range picks whole local days: a 7-day window in New York', async () => {
    const day = (offset: number) => localDay(new Date(end.getTime() - offset * 86_400_000).toISOString(), 'UTC');
    const [a, b] = [day(40), day(34)];
    expect(await rowsOf('sales', `from=${a}&to=${b}&tz=America/New_York`)).toEqual(
      expectedSales(history.sales, 'America/New_York', 'day', a, b),
    );
  });

  it.each([
    ['UTC', 'day'],
    ['America/New_York', 'week'],
    ['Europe/Paris', 'month'],
  ] as const)('the funnel in %s by %s counts each step', async (tz, grain) => {
    const rows = await rowsOf('funnel', `from=${from}&to=${to}&tz=${encodeURIComponent(tz)}&granularity=${grain}`);
    expect(rows).toEqual(expectedFunnel(history, tz, grain, from, to));
    const total = (k: string) => rows.reduce((n: number, r: Record<string, number>) => n + r[k], 0);
    expect([total('viewed'), total('addedToCart'), total('checkoutStarted'), total('confirmed')]).toEqual([
      8003, 7000, 5400, 5000,
    ]);
  });

  it('top products and categories per currency, by units and by revenue, from the newest product snapshot', async () => {
    for (const by of ['units', 'revenue'] as const) {
      const q = { tz: 'UTC', from, to, by, limit: 10 };
      const products = await rowsOf('top-products', `from=${from}&to=${to}&by=${by}`);
      expect(products).toEqual(expectedTopProducts(history, q));
      expect(products.filter((r: { currency: string }) => r.currency === 'EUR')).toHaveLength(10);
      expect(await rowsOf('top-categories', `from=${from}&to=${to}&by=${by}&limit=3`)).toEqual(
        expectedTopCategories(history, { ...q, limit: 3 }),
      );
    }
    const a = localDay(new Date(end.getTime() - 30 * 86_400_000).toISOString(), 'UTC');
    const q = { tz: 'America/New_York', from: a, to, by: 'revenue' as const, limit: 40 };
    expect(await rowsOf('top-products', `from=${a}&to=${to}&tz=America/New_York&by=revenue&limit=40`)).toEqual(
      expectedTopProducts(history, q),
    );
    const renamed = [...history.products.values()][0];
    const all = await rowsOf('top-products', `from=${from}&to=${to}&limit=100`);
    expect(all.find((r: { productId: string }) => r.productId === renamed.productId)?.title).toBe(renamed.title);
  });

  it('searches that found nothing: text, count and last seen', async () => {
    const rows = await rowsOf('search-misses', `from=${from}&to=${to}&limit=100`);
    expect(rows).toEqual(expectedMisses(history, { tz: 'UTC', from, to, limit: 100 }));
    expect(rows[0].query).toBe('unicorn mug');
  });

  it('every report comes as CSV with ?format=csv or Accept: text/csv, formula-safe', async () => {
    const reports = [
      ['sales', `from=${from}&to=${to}&granularity=month`],
      ['funnel', `from=${from}&to=${to}&granularity=month`],
      ['top-products', `from=${from}&to=${to}&limit=100`],
      ['top-categories', `from=${from}&to=${to}`],
      ['search-misses', `from=${from}&to=${to}`],
    ];
    for (const [path, query] of reports) {
      const json: Record<string, unknown>[] = await rowsOf(path, query);
      for (const res of [await get(path, `${query}&format=csv`), await get(path, query, { accept: 'text/csv' })]) {
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/csv/);
        expect(res.headers['content-disposition']).toBe(`attachment; filename="${path}.csv"`);
        const [header, ...lines] = res.body.trimEnd().split('\r\n');
        const columns = header.split(',');
        expect(columns).toEqual(Object.keys(json[0]));
        expect(lines).toHaveLength(json.length);
        // Rows of numbers, ids and dates read back as they are; texts from outside are checked below.
        const plain = (v: unknown) => typeof v === 'number' || /^[\w:.-]*$/.test(String(v));
        json.forEach((row, i) => {
          if (Object.values(row).every(plain)) expect(lines[i]).toBe(columns.map((c) => String(row[c])).join(','));
        });
      }
    }
    const misses = (await get('search-misses', `from=${from}&to=${to}&format=csv`)).body;
    expect(misses).toMatch(/\r\n"'=HYPERLINK\(""http:\/\/x""\)",\d+,/);
    expect(misses).toMatch(/\r\n'\+1 cable,\d+,/);
    expect(misses).toMatch(/\r\n"merino, sweater",\d+,/);
    const products = (await get('top-products', `from=${from}&to=${to}&limit=100&format=csv`)).body;
    expect(products).toContain(`"'=Renamed, ""mug"""`);
  });

  it('a rebuild from the event log gives identical rollups', async () => {
    const tables = ['sales_daily', 'funnel_hourly', 'product_sales_hourly', 'search_misses_hourly'];
    const snapshot = () =>
      Promise.all(
        tables.map((t) => app.db.query(`select * from analytics.${t} order by 1, 2, 3`) as Promise<unknown[]>),
      );
    const before = await snapshot();
    expect(before.map((rows) => rows.length)).toEqual(before.map(() => expect.any(Number)));
    expect(Math.min(...before.map((rows) => rows.length))).toBeGreaterThan(50);
    // Damage every rollup, so the rebuild has something to put right.
    await app.db.query('update analytics.sales_daily set revenue = revenue + 1, orders = 0');
    await app.db.query(
      'delete from analytics.funnel_hourly where hour = (select min(hour) from analytics.funnel_hourly)',
    );
    await app.db.query('update analytics.product_sales_hourly set units = units * 2');
    await app.db.query('delete from analytics.search_misses_hourly');
    expect(await snapshot()).not.toEqual(before);
    const res = await app.request('POST', '/admin/analytics/rebuild', { token: analyst });
    expect(res.statusCode, res.body).toBe(202);
    await eventually(async () => {
      expect(await snapshot()).toEqual(before);
      return true;
    }, 30_000);
  });

  it('refuses what it cannot answer with a 400, and strangers with 401/403', async () => {
    for (const [path, q] of [
      ['sales', `from=${from}&to=${to}&tz=Mars/Olympus`],
      ['sales', `from=${from}&to=${to}&tz=${encodeURIComponent("UTC'; drop table x")}`],
      ['sales', `from=${to}&to=${from}`],
      ['funnel', `from=2026-02-31&to=${to}`],
      ['funnel', `from=1900-01-01&to=${to}`],
      ['funnel', `from=${from}&to=${to}&granularity=year`],
      ['top-products', `from=${from}&to=${to}&by=price`],
      ['top-categories', `from=${from}&to=${to}&limit=1000`],
      ['search-misses', `to=${to}`],
    ]) {
      const res = await get(path, q);
      expect(res.statusCode, `${path}?${q}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const clerk = await staffToken(app, ['reviews:moderate']);
    for (const path of ['sales', 'funnel', 'top-products', 'top-categories', 'search-misses']) {
      const url = `/admin/analytics/${path}?from=${from}&to=${to}`;
      expect((await app.request('GET', url)).statusCode).toBe(401);
      expect((await app.request('GET', url, { token: clerk })).statusCode).toBe(403);
    }
    expect((await app.request('POST', '/admin/analytics/rebuild', { token: clerk })).statusCode).toBe(403);
  });

  it('POST /store/events refuses hostile input with a 4xx problem, never a 5xx', async () => {
    const productId = [...history.products.keys()][0];
    const bodies = [
      '{"type":"product_viewed","productId":123}',
      '{"type":"product_viewed","productId":"not-a-uuid"}',
      `{"type":"product_viewed","productId":"${productId}\\u0000"}`,
      `{"type":"product_viewed","productId":"${productId}","sessionId":"abc\\u0000defghijklmnopqrs"}`,
      `{"type":"product_viewed","productId":"${productId}","sessionId":1e400}`,
      `{"type":"product_viewed","productId":"${productId}","quantity":99999999999999999999999}`,
      `{"type":"order_placed","productId":"${productId}"}`,
      `{"type":"product_viewed","productId":"${productId}","sessionId":"${'x'.repeat(100_000)}"}`,
      '[]',
      '{"type":',
      'null',
    ];
    for (const payload of bodies) {
      const res = await app.request('POST', '/store/events', { payload });
      expect(res.statusCode, `${payload.slice(0, 80)}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const [{ n }] = await app.db.query(`select count(*)::int as n from analytics.facts where kind = 'product_viewed'`);
    expect(n).toBe(8003);
  });

  it('POST /store/events is rate-limited per address', async () => {
    const productId = [...history.products.keys()][0];
    const codes: number[] = [];
    for (let i = 0; i < 245; i++) {
      const res = await app.request('POST', '/store/events', {
        body: { type: 'product_viewed', productId },
        remoteAddress: '198.51.100.7',
      });
      codes.push(res.statusCode);
    }
    expect(codes.filter((c) => c === 202)).toHaveLength(240);
    expect(codes.at(-1)).toBe(429);
  });
});
