import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.ts';
import { ownerToken } from './helpers/staff.ts';
import { checkoutAndWait, guestCart, stockedVariant } from './helpers/shop.ts';
import { metricNames, parseMetrics, seriesIn, type Sample } from './helpers/metrics.ts';

/**
 * /metrics after a purchase: HTTP by route pattern, Node process, bus depth/lag/dead letters, DB
 * pool and business series, each with a bounded number of label values however many distinct
 * URLs were asked for.
 */
describe('/metrics after a purchase', () => {
  let app: TestApp;
  let samples: Sample[];

  beforeAll(async () => {
    app = await startTestApp();
    const admin = await ownerToken(app);
    const { variantId, optionId } = await stockedVariant(app, admin, { title: 'Metered mug', price: 1500, stock: 5 });
    const cartId = await guestCart(app, variantId, 2);
    const res = await checkoutAndWait(app, cartId, optionId, { provider: 'test', token: 'tok_success' });
    expect(res.json().order.status).toBe('confirmed');
    // A scan: ids and paths nobody routes must not become series.
    for (let i = 0; i < 40; i++) {
      await app.request('GET', `/store/carts/${randomUUID()}`);
      await app.request('GET', `/no/such/${randomUUID()}?q=${i}`);
    }
    const metrics = await app.request('GET', '/metrics');
    expect(metrics.statusCode).toBe(200);
    samples = parseMetrics(metrics.body);
  }, 180_000);
  afterAll(() => app?.stop());

  const value = (name: string, labels: Record<string, string> = {}) =>
    samples
      .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((n, s) => n + s.value, 0);

  it('counts HTTP requests by route pattern, method and status, with latency buckets', () => {
    const checkout = { route: '/store/carts/:id/checkout', method: 'POST', status_code: '200' };
    expect(value('tessera_http_request_duration_seconds_count', checkout)).toBe(1);
    expect(value('tessera_http_request_duration_seconds_bucket', { ...checkout, le: '+Inf' })).toBe(1);
    expect(
      value('tessera_http_request_duration_seconds_count', { route: '/store/carts/:id', status_code: '404' }),
    ).toBe(40);
    expect(value('tessera_http_request_duration_seconds_count', { route: 'unmatched' })).toBe(40);
  });

  it('has Node process, database pool and bus series', () => {
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
    ])
      expect(
        samples.some((s) => s.name === name),
        name,
      ).toBe(true);
    expect(value('tessera_db_pool_max')).toBeGreaterThan(0);
    expect(
      samples
        .filter((s) => s.name === 'tessera_db_pool_connections')
        .map((s) => s.labels.state)
        .sort(),
    ).toEqual(['busy', 'idle']);
    expect(value('tessera_db_pool_waiting')).toBe(0);
    // Every consumer queue has its depth and lag, and its dead-letter count.
    const queues = samples.filter((s) => s.name === 'tessera_bus_queue_ready').map((s) => s.labels.queue);
    expect(queues).toContain('pricing/order.placed.v1');
    const lagged = samples.filter((s) => s.name === 'tessera_bus_oldest_ready_seconds').map((s) => s.labels.queue);
    expect(lagged).toEqual(expect.arrayContaining(queues));
    expect(samples.some((s) => s.name === 'tessera_bus_dead_letters')).toBe(true);
    expect(value('tessera_events_handled_total', { queue: 'payment/order.payment_requested.v1', outcome: 'ok' })).toBe(
      1,
    );
  });

  it('counts orders placed and confirmed, and revenue by currency', () => {
    expect(value('tessera_orders_total', { outcome: 'placed', currency: 'EUR' })).toBe(1);
    expect(value('tessera_orders_total', { outcome: 'confirmed', currency: 'EUR' })).toBe(1);
    // 2 x 15.00 plus shipping and tax, in cents: at least the goods.
    expect(value('tessera_revenue_minor_total', { currency: 'EUR' })).toBeGreaterThanOrEqual(3000);
    expect(
      samples.some((s) => s.name === 'tessera_orders_canceled_total' || s.name === 'tessera_payments_failed_total'),
    ).toBe(false);
  });

  it('keeps every label bounded: no ids, no raw URLs, few values per label', () => {
    const idLike = /[0-9a-f]{8}-[0-9a-f]{4}-|\?|\/no\/such/;
    const valuesOf = new Map<string, Set<string>>();
    for (const s of samples)
      for (const [k, v] of Object.entries(s.labels)) {
        expect(v, `${s.name}{${k}}`).not.toMatch(idLike);
        const key = `${s.name}.${k}`;
        valuesOf.set(key, (valuesOf.get(key) ?? new Set()).add(v));
      }
    const routes = valuesOf.get('tessera_http_request_duration_seconds_count.route')!;
    // The 80 scan requests added two route values (the cart pattern and `unmatched`), not 80.
    expect(routes.size).toBeLessThan(25);
    for (const [key, values] of valuesOf) {
      // (queue names: one per consumer and event, a fixed set known at boot; the rest are small)
      const limit = key.endsWith('.queue') ? 200 : key.endsWith('.le') ? 20 : 40;
      expect(values.size, key).toBeLessThanOrEqual(limit);
    }
  });
});

describe('dashboards and alert rules', () => {
  let app: TestApp;
  let names: Set<string>;
  const dir = resolve(import.meta.dirname, '../deploy/observability');

  beforeAll(async () => {
    app = await startTestApp();
    names = metricNames((await app.request('GET', '/metrics')).body);
  }, 60_000);
  afterAll(() => app?.stop());

  const dashboardQueries = () => {
    const dashboard = JSON.parse(readFileSync(`${dir}/grafana/dashboards/checkout.json`, 'utf8'));
    return dashboard.panels.flatMap((p: { targets: { expr: string }[] }) => p.targets.map((t) => t.expr)) as string[];
  };
  const alertQueries = () => {
    const rules = parse(readFileSync(`${dir}/alerts.yml`, 'utf8'));
    return rules.groups.flatMap((g: { rules: { alert: string; expr: string }[] }) => g.rules) as {
      alert: string;
      expr: string;
    }[];
  };

  it("the dashboard's queries name only series /metrics has", () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThanOrEqual(10);
    for (const expr of queries) {
      const used = seriesIn(expr);
      expect(used.length, expr).toBeGreaterThan(0);
      for (const name of used) expect(names.has(name), `${name} in ${expr}`).toBe(true);
    }
  });

  it('the alert rules cover 5xx, checkout p99, bus lag, dead letters and stuck orders, on existing series', () => {
    const rules = alertQueries();
    const all = rules.map((r) => r.expr).join('\n');
    for (const series of [
      'tessera_http_request_duration_seconds_count',
      'tessera_http_request_duration_seconds_bucket',
      'tessera_bus_oldest_ready_seconds',
      'tessera_bus_dead_letters',
      'tessera_orders_total',
    ])
      expect(all).toContain(series);
    expect(all).toContain('status_code=~"5.."');
    expect(all).toContain('route="/store/carts/:id/checkout"');
    for (const { alert, expr } of rules)
      for (const name of seriesIn(expr)) expect(names.has(name), `${alert}: ${name}`).toBe(true);
  });

  it('Prometheus loads those rules and the compose profile mounts these very files', () => {
    const prometheus = parse(readFileSync(`${dir}/prometheus.yml`, 'utf8'));
    expect(prometheus.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    expect(prometheus.scrape_configs[0].metrics_path).toBe('/metrics');
    const compose = parse(readFileSync(resolve(dir, '../../docker-compose.yml'), 'utf8'));
    for (const service of ['prometheus', 'grafana', 'jaeger'])
      expect(compose.services[service].profiles, service).toEqual(['observability']);
    const mounts = [...compose.services.prometheus.volumes, ...compose.services.grafana.volumes] as string[];
    for (const mount of mounts) expect(existsSync(resolve(dir, '../..', mount.split(':')[0])), mount).toBe(true);
  });
});
