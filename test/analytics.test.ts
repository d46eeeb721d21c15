import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { expectedSales, factsStored, localDay, seedSales, type Sale } from './helpers/analytics.ts';
import { staffToken } from './helpers/staff.ts';

/**
 * Analytics booted alone (with user, for tokens): order and payment played by publishing a
 * generated history of 5,000 confirmed orders over 90 days in two currencies, with refunds.
 */
describe('analytics: sales reports from a generated history', () => {
  let app: TestApp;
  let analyst: string;
  let sales: Sale[];
  const end = new Date();
  const to = localDay(end.toISOString(), 'UTC');
  const from = localDay(new Date(end.getTime() - 92 * 86_400_000).toISOString(), 'UTC');
  const report = (query: string, headers?: Record<string, string>) =>
    app.request('GET', `/admin/analytics/sales?${query}`, { token: analyst, headers });

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,analytics' });
    analyst = await staffToken(app, ['analytics:read']);
    const started = performance.now();
    ({ sales } = await seedSales(app, { orders: 5000, days: 90, end, seed: 14 }));
    await factsStored(app, sales.length);
    console.log(
      `analytics: ${sales.length} facts published and rolled up in ${Math.round(performance.now() - started)} ms`,
    );
  }, 180_000);
  afterAll(() => app?.stop());

  it.each([
    ['UTC', 'day'],
    ['America/New_York', 'day'],
    ['Europe/Paris', 'week'],
    ['Asia/Tokyo', 'month'],
  ] as const)('in %s by %s, the report matches an independent sum of the history', async (tz, grain) => {
    const res = await report(`from=${from}&to=${to}&tz=${encodeURIComponent(tz)}&granularity=${grain}`);
    expect(res.statusCode, res.body).toBe(200);
    const expected = expectedSales(sales, tz, grain, from, to);
    expect(expected.length).toBeGreaterThan(2);
    expect(res.json().rows).toEqual(expected);
    const totals = res.json().rows.reduce((n: number, r: { orders: number }) => n + r.orders, 0);
    expect(totals).toBe(5000);
  });

  it('a range picks whole local days: a 7-day window in New York', async () => {
    const day = (offset: number) => localDay(new Date(end.getTime() - offset * 86_400_000).toISOString(), 'UTC');
    const [a, b] = [day(40), day(34)];
    const res = await report(`from=${a}&to=${b}&tz=America/New_York`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows).toEqual(expectedSales(sales, 'America/New_York', 'day', a, b));
  });

  it('every report comes as CSV with ?format=csv or Accept: text/csv', async () => {
    const json = (await report(`from=${from}&to=${to}&granularity=month`)).json().rows;
    for (const res of [
      await report(`from=${from}&to=${to}&granularity=month&format=csv`),
      await report(`from=${from}&to=${to}&granularity=month`, { accept: 'text/csv' }),
    ]) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe('period,currency,orders,revenue,averageOrderValue,refunds,refunded');
      expect(lines.slice(1)).toEqual(
        json.map((r: Record<string, unknown>) =>
          [r.period, r.currency, r.orders, r.revenue, r.averageOrderValue, r.refunds, r.refunded].join(','),
        ),
      );
    }
  });

  it('a rebuild from the event log gives identical rollups', async () => {
    const snapshot = () =>
      app.db.query('select * from analytics.sales_hourly order by hour, currency') as Promise<unknown[]>;
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(1000);
    // Damage the rollups, so the rebuild has something to put right.
    await app.db.query('update analytics.sales_hourly set revenue = revenue + 1, orders = 0');
    await app.db.query(
      'delete from analytics.sales_hourly where hour = (select min(hour) from analytics.sales_hourly)',
    );
    expect(await snapshot()).not.toEqual(before);
    const res = await app.request('POST', '/admin/analytics/rebuild', { token: analyst });
    expect(res.statusCode, res.body).toBe(202);
    await eventually(async () => {
      expect(await snapshot()).toEqual(before);
      return true;
    }, 20_000);
  });

  it('refuses what it cannot answer with a 400, and strangers with 401/403', async () => {
    for (const q of [
      `from=${from}&to=${to}&tz=Mars/Olympus`,
      `from=${from}&to=${to}&tz=${encodeURIComponent("UTC'; drop table x")}`,
      `from=${to}&to=${from}`,
      `from=2026-02-31&to=${to}`,
      `from=1900-01-01&to=${to}`,
      `from=${from}&to=${to}&granularity=year`,
      `to=${to}`,
    ]) {
      const res = await report(q);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const anon = await app.request('GET', `/admin/analytics/sales?from=${from}&to=${to}`);
    expect(anon.statusCode).toBe(401);
    const clerk = await staffToken(app, ['reviews:moderate']);
    const denied = await app.request('GET', `/admin/analytics/sales?from=${from}&to=${to}`, { token: clerk });
    expect(denied.statusCode).toBe(403);
    expect((await app.request('POST', '/admin/analytics/rebuild', { token: clerk })).statusCode).toBe(403);
  });
});
