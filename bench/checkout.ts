/**
 * Checkout benchmark, on a fresh database with every module hosted in one process (the default
 * deployment), the app as a child process and the load from this one:
 *
 * 1. add-to-cart at concurrency 10;
 * 2. the checkout call itself (answers 202 once the order is placed) from 8 clients, then how long
 *    the saga takes to settle that burst of orders behind it;
 * 3. the whole journey at concurrency 8: new cart, 3 lines, checkout with `Prefer: wait` and the
 *    test provider, until confirmed: orders/s and checkout-to-confirmed latency.
 *
 *   npm run bench:checkout   BENCH_RUNS (3), BENCH_DURATION s (10), BENCH_DATABASE_URL (admin connection),
 *                            BENCH_KEEP=1 keeps the database, BENCH_NODE_ARGS passes flags to the app's node,
 *                            BENCH_ONLY=journey|checkout runs the journey alone, or the first two alone,
 *                            BENCH_APP_ROOT another checkout whose src/main.ts to measure (e.g. main),
 *                            BENCH_IDLE=N measures the app idle for N s before the c=8 journey and prints
 *                            the journey's costs per order net of that idle rate (polls, timers),
 *                            BENCH_ROUND_TRIPS=1 counts the queries pg sends per order (round trips), per pool
 */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  APP_NODE_ARGS,
  createBenchDatabase,
  httpJson,
  measureCost,
  percentile,
  runs,
  sleep,
  startServer,
} from './lib.ts';
import { countStatements, printStatements } from './statements.ts';
import { idleRate, printNetOfIdle } from './checkout-idle.ts';
import { printCheckoutReport, printHops, type CheckoutResults } from './checkout-report.ts';
import { setUpShop } from './checkout-shop.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
type Result = { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: object) => Promise<Result>;

const db = await createBenchDatabase();
/**
 * BENCH_SPLIT=pricing,inventory,payment hosts those modules in a second process (the lift-out of
 * ARCHITECTURE.md, on the same machine); the shopper talks to the first one. Default: one process.
 */
const lifted = process.env.BENCH_SPLIT?.split(',').filter(Boolean) ?? [];
// BENCH_MODULES: what the app hosts (e.g. these plus webhook, to count what a consumer of the
// order's events costs when it is running; default: the checkout's eight)
const ALL = process.env.BENCH_MODULES?.split(',').filter(Boolean) ?? [
  'user',
  'product',
  'pricing',
  'order',
  'payment',
  'shipping',
  'inventory',
  'notification',
];
const startApp = (modules: string[]) =>
  startServer(
    'src/main.ts',
    {
      DATABASE_URL: db.url,
      PORT: '0',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      ADMIN_EMAIL: 'admin@example.com',
      ADMIN_PASSWORD: 'Admin-password-1',
      AUTH_RATE_LIMIT_MAX: '1000000',
      RATE_LIMITS: '*.*=off', // (one load generator is one address)
      MODULES: modules.join(','),
    },
    [
      ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? APP_NODE_ARGS),
      // (BENCH_ROUND_TRIPS=1: the app counts the queries pg sends: lib.ts roundTrips)
      ...(process.env.BENCH_ROUND_TRIPS ? ['--import', `${import.meta.dirname}/round-trips-preload.mjs`] : []),
    ],
    process.env.BENCH_APP_ROOT,
  );
const main = await startApp(ALL.filter((m) => !lifted.includes(m)));
const url = main.url;
let second = lifted.length ? await startApp(lifted) : undefined;
let secondUrl = second ? second.url : url;
const children = () => [main.child, ...(second ? [second.child] : [])];
/** Bare Fastify + pg storing the same body with one insert: the floor the checkout call is compared with, in the same job. */
const baseline = await startServer('bench/baseline-server.ts', { DATABASE_URL: db.url });
/**
 * BENCH_CALL_ALONE=1 (with BENCH_SPLIT): the second process is stopped during the checkout burst
 * and started again after it, so the call is measured without the saga sharing the machine; the
 * orders wait in the lifted modules' queues meanwhile, and the settle time is the saga draining them.
 */
const callAlone = !!process.env.BENCH_CALL_ALONE && lifted.length > 0;
const stop = async (child: ChildProcess) => {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
};
/** Which process serves a path: the lifted modules' admin routes are on the second one. */
const owner: [RegExp, string][] = [
  [/^\/admin\/prices/, 'pricing'],
  [/^\/admin\/(inventory|stock-locations)/, 'inventory'],
];
const base = (path: string) => (owner.some(([re, m]) => re.test(path) && lifted.includes(m)) ? secondUrl : url);
const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  return httpJson(method, base(path) + path, body ? JSON.stringify(body) : undefined, headers);
};
/**
 * Cleans up after the previous phase as autovacuum would (this machine's Postgres runs with it off,
 * and every order leaves a dozen handled jobs behind), so no phase pays for the dead rows of the last.
 */
const vacuum = async () => {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    await c.query('vacuum analyze');
  } finally {
    await c.end();
  }
};
const IDLE_SECONDS = Number(process.env.BENCH_IDLE ?? 0);
const until = async (fn: () => Promise<boolean>) => {
  for (let i = 0; i < 500 && !(await fn()); i++) await sleep(20);
};

try {
  const admin = {
    authorization: `Bearer ${(await call('POST', '/admin/auth/login', { email: 'admin@example.com', password: 'Admin-password-1' })).json.accessToken}`,
  };
  const { variants, checkoutBody } = await setUpShop(call, until, admin);
  // The projections the carts read fill through the bus: wait until a cart can hold every variant.
  const newCart = async (lines = 1) => {
    const cart = (await call('POST', '/store/carts', { currency: 'EUR', email: 'bench@example.com' })).json;
    for (const variantId of variants.slice(0, lines)) {
      await until(
        async () => (await call('POST', `/store/carts/${cart.id}/items`, { variantId, quantity: 1 })).status === 200,
      );
    }
    return cart.id as string;
  };
  const login = async () => ({
    authorization: `Bearer ${(await call('POST', '/admin/auth/login', { email: 'admin@example.com', password: 'Admin-password-1' })).json.accessToken}`,
  });
  let staff = admin;
  /** Whether any order is still on its way (pending or awaiting payment). */
  const openOrders = async () =>
    (await call('GET', '/admin/orders?status=pending&limit=1', undefined, staff)).json.items.length +
    (await call('GET', '/admin/orders?status=awaiting_payment&limit=1', undefined, staff)).json.items.length;
  await newCart(3);

  const results: CheckoutResults = {
    add: [],
    floor: [],
    checkout: [],
    settle: [],
    journey: [],
    alone: [],
    cpu: [],
  };

  /** Per confirmed order: request sent to order created, created to confirmed, confirmed to answer received (ms). */
  const phases: number[][] = [];
  /** CPU ms per order of the journey just run (app processes, Postgres, this load generator), when the OS tells. */
  let cpuPerOrder: number[] | undefined;
  /**
   * `clients` shoppers buying again and again for `duration` s: orders, seconds, checkout-to-confirmed
   * latencies, failures. A warm-up (`measured` false) prints nothing of its own.
   */
  async function journey(
    clients: number,
    duration = DURATION,
    measured = true,
  ): Promise<[number, number, number[], number]> {
    // BENCH_STATEMENTS=1: what Postgres ran per order at c=8 (pg_stat_statements), printed after the run
    const pids = children().map((c) => c.pid!);
    const idle = measured && IDLE_SECONDS && clients > 1 ? await idleRate(IDLE_SECONDS, pids, db.url) : undefined;
    const statements =
      measured && process.env.BENCH_STATEMENTS && clients > 1 ? await countStatements(db.url) : undefined;
    const counting = Date.now();
    // (the app's processes and this database's backends only: other databases share the server)
    const cost = await measureCost(pids, db.url);
    const loadBefore = process.cpuUsage();
    const latencies: number[] = [];
    phases.length = 0;
    let orders = 0,
      failed = 0;
    const stopAt = Date.now() + duration * 1000;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < stopAt) {
          const cart = (await call('POST', '/store/carts', { currency: 'EUR', email: 'journey@example.com' })).json;
          for (const variantId of variants)
            await call('POST', `/store/carts/${cart.id}/items`, { variantId, quantity: 1 });
          const t0 = performance.now();
          const sent = Date.now();
          const { json: body } = await httpJson('POST', `${url}/store/carts/${cart.id}/checkout`, checkoutBody, {
            'idempotency-key': randomUUID(),
            prefer: 'wait=10',
          });
          if (body.order?.status === 'confirmed') {
            latencies.push(performance.now() - t0);
            orders++;
            // Where the time went, by the order's own timestamps (same clock: one machine).
            const created = Date.parse(body.order.createdAt),
              confirmed = Date.parse(body.order.confirmedAt);
            phases.push([created - sent, confirmed - created, Date.now() - confirmed]);
          } else failed++;
        }
      }),
    );
    const spent = await cost();
    const costSeconds = (Date.now() - started) / 1000;
    const load = process.cpuUsage(loadBefore);
    // (the journey's own orders may still have a step or two to go: let the saga finish before counting)
    await until(async () => (await openOrders()) === 0);
    const ran = statements && orders ? await statements() : undefined;
    if (measured && spent?.roundTrips && orders) {
      const r = spent.roundTrips,
        i = idle?.roundTrips ?? { orm: 0, bus: 0 };
      console.log(
        `  round trips per order (pg queries sent by the app): ORM pool ${(r.orm / orders).toFixed(2)}, bus pool ${(r.bus / orders).toFixed(2)}; ` +
          `net of idle: ${((r.orm - i.orm * costSeconds) / orders).toFixed(2)} + ${((r.bus - i.bus * costSeconds) / orders).toFixed(2)} (${orders} orders)`,
      );
    }
    const ranSeconds = (Date.now() - counting) / 1000;
    if (ran) printStatements(ran, orders, 'order', Number(process.env.BENCH_STATEMENTS) || 40);
    if (idle && orders)
      printNetOfIdle(idle, orders, ran && { ...ran, seconds: ranSeconds }, spent && { ...spent, seconds: costSeconds });
    if (!measured) return [orders, (Date.now() - started) / 1000, latencies, failed];
    cpuPerOrder =
      spent && orders
        ? [
            (spent.appCpu * 1000) / orders,
            (spent.pgCpu * 1000) / orders,
            (load.user + load.system) / 1000 / orders,
            spent.appSyscalls / orders,
            spent.pgSyscalls / orders,
          ]
        : undefined;
    return [orders, (Date.now() - started) / 1000, latencies, failed];
  }
  for (let run = 0; run < runs; run++) {
    staff = await login(); // (access tokens live 15 minutes)
    const only = process.env.BENCH_ONLY; // 'journey' skips the first two measurements, 'checkout' the journey
    if (only !== 'journey') {
      // 1. add to cart
      const carts = await Promise.all(Array.from({ length: 50 }, () => newCart()));
      await vacuum();
      let i = 0;
      const add = await autocannon({
        url,
        connections: 10,
        duration: DURATION,
        requests: [
          {
            method: 'POST',
            setupRequest: (r: any) => ({
              ...r,
              path: `/store/carts/${carts[i++ % carts.length]}/items`,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ variantId: variants[0], quantity: 1 }),
            }),
          },
        ],
      });
      // Quantities top out at 1000 per line: later adds may answer 400, which is counted apart.
      results.add.push([add.requests.average, add.latency.p50, add.latency.p99]);

      // 2. the checkout call (202), then the saga draining the burst
      const ready: string[] = [];
      const want = Math.round(DURATION * 300);
      for (let k = 0; k < want; k += 25)
        ready.push(...(await Promise.all(Array.from({ length: Math.min(25, want - k) }, () => newCart()))));
      await until(async () => (await openOrders()) === 0);
      // The floor first, on the same machine a moment before: the same body stored by bare Fastify + pg.
      const floor = await autocannon({
        url: `${baseline.url}/orders`,
        connections: 8,
        duration: DURATION,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: checkoutBody,
      });
      results.floor.push([floor.requests.average, floor.latency.p50, floor.latency.p99]);
      await vacuum();
      if (callAlone && second) {
        await stop(second.child);
        second = undefined;
      }
      let next = 0,
        answered = 0,
        lastAnswer = 0;
      const burstStart = Date.now();
      const firstCall = performance.now();
      const co = await autocannon({
        url,
        connections: 8,
        duration: DURATION * 3,
        amount: ready.length,
        requests: [
          {
            method: 'POST',
            setupRequest: (r: any) => ({
              ...r,
              path: `/store/carts/${ready[next++]}/checkout`,
              headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
              body: checkoutBody,
            }),
            onResponse: () => {
              answered++;
              lastAnswer = performance.now();
            },
          },
        ],
      });
      if (co.non2xx || co.errors) console.log(`  checkout: ${co.non2xx} non-2xx, ${co.errors} errors`);
      const burstEnd = Date.now();
      if (callAlone && !second) {
        second = await startApp(lifted);
        secondUrl = second.url;
      }
      let open = await openOrders();
      while (open > 0) {
        await sleep(100);
        open = await openOrders();
      }
      const settleSeconds = (Date.now() - burstEnd) / 1000;
      const sagaRate = next / ((Date.now() - burstStart) / 1000);
      // (autocannon's average counts whole seconds; the burst is timed here, first call to last answer)
      const callRate = answered / ((lastAnswer - firstCall) / 1000);
      results.checkout.push([callRate, co.latency.p50, co.latency.p99, callRate / floor.requests.average]);
      results.settle.push([next, settleSeconds, sagaRate]);
      console.log(
        `  run ${run + 1}/${runs}: add ${Math.round(add.requests.average)} req/s p50 ${add.latency.p50} ms; ` +
          `checkout call ${Math.round(callRate)}/s p50 ${co.latency.p50} ms (baseline ${Math.round(floor.requests.average)}/s p50 ${floor.latency.p50} ms), ${next} orders settled ${settleSeconds.toFixed(1)} s after`,
      );
    }

    // 3. the journey, from 8 clients, then from one (the saga's own latency, without queueing).
    // Alone (BENCH_ONLY=journey), the first run warms the app up first, as the other phases would.
    if (only === 'checkout') continue;
    if (only === 'journey' && run === 0) {
      await journey(8, 3, false);
      await until(async () => (await openOrders()) === 0);
    }
    await vacuum();
    // BENCH_REWARM=N: N s more of the journey after the vacuum, unmeasured: its ANALYZE invalidates
    // every cached plan, so without it the window below also pays their re-planning (docs/adr/0145)
    if (Number(process.env.BENCH_REWARM)) {
      await journey(8, Number(process.env.BENCH_REWARM), false);
      await until(async () => (await openOrders()) === 0);
    }
    const [orders, seconds, latencies, failed] = await journey(8);
    results.journey.push([orders / seconds, percentile(latencies, 50), percentile(latencies, 99), failed]);
    const split = [0, 1, 2].map((k) =>
      percentile(
        phases.map((p) => p[k]),
        50,
      ),
    );
    if (cpuPerOrder) results.cpu.push(cpuPerOrder);
    await until(async () => (await openOrders()) === 0);
    await vacuum();
    const [, , alone] = await journey(1);
    results.alone.push([percentile(alone, 50), percentile(alone, 99)]);
    await until(async () => (await openOrders()) === 0);
    console.log(
      `  run ${run + 1}/${runs}: journey ${(orders / seconds).toFixed(0)} orders/s, checkout to confirmed p50 ${percentile(latencies, 50).toFixed(0)} ms${failed ? `, ${failed} not confirmed` : ''}; ` +
        `one client: p50 ${percentile(alone, 50).toFixed(0)} ms`,
    );
    console.log(
      `    c=8 medians: call to order created ${split[0]} ms, created to confirmed (the saga) ${split[1]} ms, confirmed to answer ${split[2]} ms`,
    );
    const cpu = results.cpu[results.cpu.length - 1];
    if (cpu)
      console.log(
        `    CPU per order at c=8: app ${cpu[0].toFixed(1)} ms, Postgres ${cpu[1].toFixed(1)} ms, load generator ${cpu[2].toFixed(1)} ms; system calls per order: app ${cpu[3].toFixed(0)}, Postgres ${cpu[4].toFixed(0)}`,
      );
  }
  if (process.env.BENCH_HOPS) await printHops(url);
  printCheckoutReport(results);
} finally {
  for (const child of [...children(), baseline.child]) await stop(child);
  if (process.env.BENCH_KEEP) console.log(`kept ${db.url}`);
  else await db.drop();
}
