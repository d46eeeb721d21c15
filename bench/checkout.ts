/**
 * Checkout benchmark: add-to-cart at concurrency 10, the synchronous checkout (Prefer: wait, test
 * provider, until confirmed) from 8 clients, on a fresh database with every module hosted.
 *
 *   npm run bench:checkout   BENCH_RUNS (3), BENCH_DURATION s (10), BENCH_DATABASE_URL (admin connection)
 *
 * The app runs as a child process; carts are prepared before each checkout run so the measured
 * requests are checkouts only.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createBenchDatabase, machine, printTable, runs, type Row } from './lib.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const root = resolve(import.meta.dirname, '..');
type Autocannon = (opts: object) => Promise<{ requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const db = await createBenchDatabase();
const child = spawn(process.execPath, ['src/main.ts'], {
  cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'warn', SEED_DEMO: 'false', ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'Admin-password-1', AUTH_RATE_LIMIT_MAX: '1000000' },
});
const url = await new Promise<string>((ok, fail) => {
  let out = '';
  child.stdout!.on('data', (d) => { out += d; const m = /listening on (http:\/\/[^\s"]+)/.exec(out); if (m) ok(m[1]); });
  child.once('exit', () => fail(new Error(out)));
});
const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const r = await fetch(url + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: body ? JSON.stringify(body) : undefined });
  return { status: r.status, json: (await r.json()) as any };
};
const until = async (fn: () => Promise<boolean>) => { for (let i = 0; i < 500 && !(await fn()); i++) await new Promise((r) => setTimeout(r, 20)); };

try {
  const admin = { authorization: `Bearer ${(await call('POST', '/admin/auth/login', { email: 'admin@example.com', password: 'Admin-password-1' })).json.accessToken}` };
  const product = (await call('POST', '/admin/products', { title: 'Bench Mug', status: 'published', variants: [{ sku: `BENCH-${randomUUID().slice(0, 8)}` }] }, admin)).json;
  const variantId = product.variants[0].id;
  await until(async () => (await call('PUT', `/admin/prices/${variantId}`, { prices: [{ currency: 'EUR', amount: 1500 }] }, admin)).status === 200);
  const location = (await call('GET', '/admin/stock-locations', undefined, admin)).json.items[0].id;
  await until(async () => (await call('POST', `/admin/inventory/${variantId}/adjustments`, { locationId: location, onHand: 1_000_000, reason: 'received' }, admin)).status === 201);
  const option = (await call('GET', '/admin/shipping-options', undefined, admin)).json.items.find((o: any) => o.code === 'standard').id;
  const newCart = async () => {
    const cart = (await call('POST', '/store/carts', { currency: 'EUR', email: 'bench@example.com' })).json;
    await until(async () => (await call('POST', `/store/carts/${cart.id}/items`, { variantId, quantity: 1 })).status === 200);
    return cart.id as string;
  };
  const address = { firstName: 'B', lastName: 'Ench', line1: 'Street 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' };
  const checkoutBody = JSON.stringify({ shippingAddress: address, shippingOptionId: option, paymentMethod: { provider: 'test', token: 'tok_success' } });

  const results: Record<string, number[][]> = { add: [], checkout: [] };
  for (let run = 0; run < runs; run++) {
    const carts = await Promise.all(Array.from({ length: 50 }, newCart));
    let i = 0;
    const add = await autocannon({
      url, connections: 10, duration: DURATION,
      requests: [{ method: 'POST', setupRequest: (r: any) => ({ ...r, path: `/store/carts/${carts[i++ % carts.length]}/items`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ variantId, quantity: 1 }) }) }],
    });
    // Quantities top out at 1000 per line: later adds may answer 400, which is counted apart.
    results.add.push([add.requests.average, add.latency.p50, add.latency.p99]);
    const ready: string[] = [];
    const want = Math.max(400, Math.round(DURATION * 60));
    for (let k = 0; k < want; k += 20) ready.push(...(await Promise.all(Array.from({ length: Math.min(20, want - k) }, newCart))));
    let next = 0;
    const co = await autocannon({
      url, connections: 8, duration: DURATION, amount: ready.length,
      requests: [{ method: 'POST', setupRequest: (r: any) => ({ ...r, path: `/store/carts/${ready[next++]}/checkout`, headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), prefer: 'wait=10' }, body: checkoutBody }) }],
    });
    if (co.non2xx || co.errors) console.log(`  checkout: ${co.non2xx} non-2xx, ${co.errors} errors`);
    results.checkout.push([co.requests.average, co.latency.p50, co.latency.p99]);
    console.log(`  run ${run + 1}/${runs}: add ${Math.round(add.requests.average)} req/s p50 ${add.latency.p50} ms; checkout to confirmed ${Math.round(co.requests.average)}/s p50 ${co.latency.p50} ms`);
  }
  const rows: Row[] = [
    { label: 'add to cart, c=10: req/s', values: results.add.map((r) => r[0]), digits: 0 },
    { label: 'add to cart: p50 ms', values: results.add.map((r) => r[1]), digits: 0, target: '< 10 ms', ok: (m) => m < 10 },
    { label: 'add to cart: p99 ms', values: results.add.map((r) => r[2]), digits: 0 },
    { label: 'checkout, Prefer: wait until confirmed, c=8: orders/s', values: results.checkout.map((r) => r[0]), digits: 0, target: '>= 300/s', ok: (m) => m >= 300 },
    { label: 'checkout to confirmed: p50 ms', values: results.checkout.map((r) => r[1]), digits: 0, target: '< 100 ms', ok: (m) => m < 100 },
    { label: 'checkout to confirmed: p99 ms', values: results.checkout.map((r) => r[2]), digits: 0 },
  ];
  printTable(`Checkout (${machine()})`, rows);
  console.log('The checkout row is the whole saga per request: order placed, priced, reserved, paid (test provider), confirmed.');
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await db.drop();
}
