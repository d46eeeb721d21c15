/**
 * Start and memory benchmark: the app (`node src/main.ts`, every module, SEED_DEMO=false) on a
 * database a first boot has migrated. Times spawn -> `/health` 200 (median of BENCH_START_RUNS, 5)
 * and reads the process's RSS right after start and after BENCH_DURATION s (10) of purchase
 * journeys from 8 clients, against the issue's targets and the figures of a peer on this machine.
 *
 *   node bench/start.ts   BENCH_DATABASE_URL (admin connection), BENCH_NODE_ARGS passes flags to the app's node,
 *                         BENCH_APP_ROOT (another checkout to measure, e.g. /work/main),
 *                         BENCH_ENTRY (the script it runs, relative to that checkout: src/main.ts, the
 *                         default, or build/src/main.js, the JavaScript copy `npm run build` makes),
 *                         BENCH_ORDERS (stop the journey load after that many checkouts: RSS after a
 *                         load compares only between runs that did the same work; BENCH_DURATION caps it),
 *                         BENCH_CGROUP (a cgroup directory, v1 or v2, with a memory limit: the app runs in it,
 *                         as in a container, and Node sizes its heap from that limit)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { buildIsFresh } from '../src/platform/build/fingerprint.mjs';
import { APP_NODE_ARGS, createBenchDatabase, httpJson, machine, printTable, sleep } from './lib.ts';

const RUNS = Math.max(1, Number(process.env.BENCH_START_RUNS ?? 5) || 5);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 0) || Infinity;
const CLIENTS = 8;
const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? APP_NODE_ARGS;
const APP_ROOT = resolve(process.env.BENCH_APP_ROOT ?? resolve(import.meta.dirname, '..'));
const ENTRY = process.env.BENCH_ENTRY ?? 'src/main.ts';
const CGROUP = process.env.BENCH_CGROUP;
/** BENCH_ALLOC_PROFILE=<dir>: the bytes the load allocates, by function (bench/alloc-preload.mjs, bench/alloc-profile.ts). */
const ALLOC_DIR = process.env.BENCH_ALLOC_PROFILE;
const allocArgs = ALLOC_DIR ? ['--import', `${import.meta.dirname}/alloc-preload.mjs`] : [];
const load = () => loadavg()[0].toFixed(1);
if (ENTRY.startsWith('build/') && !buildIsFresh(APP_ROOT))
  console.warn(`${APP_ROOT}/build is missing or older than its sources: run \`npm run build\` there first`);

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

/** Resident set size of a process in MB (Linux /proc). */
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** CPU seconds a process has used so far (Linux /proc, in USER_HZ ticks of 10 ms): what a loaded machine disturbs least. */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

/**
 * CPU seconds of the main thread and of V8's worker threads (concurrent marking and sweeping, parallel
 * scavenges, background compilation): a smaller heap's price shows in the second.
 */
const threadCpu = (pid: number) => {
  const cpu = { main: 0, v8: 0 };
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const name = /\((.*)\)/.exec(stat)![1];
    const fields = stat.replace(/^.*\) /, '').split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
    if (Number(tid) === pid) cpu.main += seconds;
    else if (name.startsWith('V8')) cpu.v8 += seconds;
  }
  return cpu;
};
/** Seconds of garbage collection pauses on the main thread so far, every kind (prom-client's series). */
const gcPauses = async (url: string) => {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [...text.matchAll(/^nodejs_gc_duration_seconds_sum\{kind="\w+"\} (\S+)/gm)].reduce(
    (t, m) => t + Number(m[1]),
    0,
  );
};

/** Spawns the app and answers once `/health` says 200, with the milliseconds and the CPU seconds that took. */
async function start(dbUrl: string): Promise<{ child: ChildProcess; url: string; ms: number; cpu: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const argv = [process.execPath, ...nodeArgs, ...allocArgs, ENTRY];
  // (the shell joins the cgroup and then becomes node, so V8 sizes its heap from the cgroup's limit)
  const [cmd, ...args] = CGROUP ? ['sh', '-c', `echo $$ > "$0/cgroup.procs" && exec "$@"`, CGROUP, ...argv] : argv;
  const child = spawn(cmd, args, {
    cwd: APP_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      ADMIN_EMAIL: 'admin@example.com',
      ADMIN_PASSWORD: 'Admin-password-1',
      AUTH_RATE_LIMIT_MAX: '1000000',
      RATE_LIMITS: '*.*=off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error('the app exited before /health answered');
    const ok = await httpJson('GET', `${url}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, url, ms: performance.now() - t0, cpu: cpuSeconds(child.pid!) };
    await sleep(5);
  }
}

/** Where the memory is, from the app's own /metrics (prom-client's default series), in MB. */
async function memory(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const mb = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN) / 2 ** 20;
  return {
    'V8 heap used': mb(/^nodejs_heap_size_used_bytes (\S+)/m),
    'V8 heap total': mb(/^nodejs_heap_size_total_bytes (\S+)/m),
    'new space total': mb(/^nodejs_heap_space_size_total_bytes\{space="new"\} (\S+)/m),
    'old space total': mb(/^nodejs_heap_space_size_total_bytes\{space="old"\} (\S+)/m),
    'code space total': mb(/^nodejs_heap_space_size_total_bytes\{space="code"\} (\S+)/m),
    'large object space total': mb(/^nodejs_heap_space_size_total_bytes\{space="large_object"\} (\S+)/m),
    'external (Buffers, ArrayBuffers)': mb(/^nodejs_external_memory_bytes (\S+)/m),
    // (a count, not MB: the full collections so far, which is what a smaller heap pays for)
    'mark-compacts (count)': Number(/^nodejs_gc_duration_seconds_count\{kind="major"\} (\S+)/m.exec(text)?.[1] ?? NaN),
  };
}

const stop = async (child: ChildProcess) => {
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await gone;
};

/** Sets up three priced, stocked products and runs purchase journeys from CLIENTS shoppers for DURATION s. */
async function journeys(url: string, pid: number): Promise<{ confirmed: number; cpuMs: number; detail: string }> {
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    httpJson(method, url + path, body ? JSON.stringify(body) : undefined, headers);
  const until = async (fn: () => Promise<boolean>) => {
    for (let i = 0; i < 500 && !(await fn()); i++) await sleep(20);
  };
  const login = await call('POST', '/admin/auth/login', { email: 'admin@example.com', password: 'Admin-password-1' });
  const admin = { authorization: `Bearer ${login.json.accessToken}` };
  const location = (await call('GET', '/admin/stock-locations', undefined, admin)).json.items[0].id;
  const variants: string[] = [];
  for (const [i, amount] of [1500, 900, 2400].entries()) {
    const sku = `START-${randomUUID().slice(0, 8)}`;
    const product = (
      await call('POST', '/admin/products', { title: `Mug ${i}`, status: 'published', variants: [{ sku }] }, admin)
    ).json;
    const variantId: string = product.variants[0].id;
    const priced = () => call('PUT', `/admin/prices/${variantId}`, { prices: [{ currency: 'EUR', amount }] }, admin);
    await until(async () => (await priced()).status === 200);
    const stock = { locationId: location, onHand: 10_000_000, reason: 'received' };
    await until(
      async () => (await call('POST', `/admin/inventory/${variantId}/adjustments`, stock, admin)).status === 201,
    );
    variants.push(variantId);
  }
  const options = (await call('GET', '/admin/shipping-options', undefined, admin)).json.items as {
    id: string;
    code: string;
  }[];
  const checkoutBody = JSON.stringify({
    shippingAddress: {
      firstName: 'S',
      lastName: 'Tart',
      line1: 'Street 1',
      city: 'Berlin',
      postalCode: '10115',
      countryCode: 'DE',
    },
    shippingOptionId: options.find((o) => o.code === 'standard')!.id,
    paymentMethod: { provider: 'test', token: 'tok_success' },
  });
  // The carts read projections the bus fills: wait until one cart can hold every variant.
  const warm = (await call('POST', '/store/carts', { currency: 'EUR', email: 'start@example.com' })).json;
  for (const variantId of variants)
    await until(
      async () => (await call('POST', `/store/carts/${warm.id}/items`, { variantId, quantity: 1 })).status === 200,
    );
  let confirmed = 0;
  let checkouts = 0;
  if (ALLOC_DIR) process.kill(pid, 'SIGUSR2'); // (starts the sampling)
  await sleep(ALLOC_DIR ? 200 : 0);
  const cpu0 = cpuSeconds(pid);
  const threads0 = threadCpu(pid);
  const pauses0 = await gcPauses(url);
  const stopAt = Date.now() + DURATION * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < stopAt && checkouts++ < ORDERS) {
        const cart = (await call('POST', '/store/carts', { currency: 'EUR', email: 'start@example.com' })).json;
        for (const variantId of variants)
          await call('POST', `/store/carts/${cart.id}/items`, { variantId, quantity: 1 });
        const headers = { 'idempotency-key': randomUUID(), prefer: 'wait=10' };
        const { json } = await httpJson('POST', `${url}/store/carts/${cart.id}/checkout`, checkoutBody, headers);
        if (json.order?.status === 'confirmed') confirmed++;
      }
    }),
  );
  const perOrder = (seconds: number) => ((seconds * 1000) / Math.max(1, confirmed)).toFixed(1);
  const cpuMs = Number(perOrder(cpuSeconds(pid) - cpu0));
  const threads = threadCpu(pid);
  const detail =
    `main thread ${perOrder(threads.main - threads0.main)} (GC pauses ${perOrder((await gcPauses(url)) - pauses0)}), ` +
    `V8 workers ${perOrder(threads.v8 - threads0.v8)}`;
  if (ALLOC_DIR) {
    const file = `${ALLOC_DIR}/alloc-${pid}.heapprofile`;
    process.kill(pid, 'SIGUSR2'); // (stops it and writes the profile)
    while (!existsSync(file)) await sleep(50);
    console.log(`allocation profile of ${confirmed} orders: node bench/alloc-profile.ts ${file} ${confirmed}`);
  }
  return { confirmed, cpuMs, detail };
}

const db = await createBenchDatabase();
try {
  console.log(`start benchmark: ${machine()}, database ${db.name} (Postgres ${db.serverVersion})`);
  const first = await start(db.url); // creates and migrates the schemas
  await stop(first.child);
  const startMs: number[] = [];
  const startCpu: number[] = [];
  const rssStart: number[] = [];
  const loads: string[] = [];
  let memStart: Record<string, number> = {};
  for (let i = 0; i < RUNS; i++) {
    const app = await start(db.url);
    startMs.push(app.ms);
    startCpu.push(app.cpu);
    loads.push(load());
    await sleep(200); // (what the process holds once started, not mid-way through its first tick)
    rssStart.push(rssMb(app.child.pid!));
    if (i === RUNS - 1) memStart = await memory(app.url);
    await stop(app.child);
  }
  const app = await start(db.url);
  const { confirmed: orders, cpuMs, detail } = await journeys(app.url, app.child.pid!);
  const rssLoaded = rssMb(app.child.pid!);
  const memLoaded = await memory(app.url);
  await stop(app.child);
  console.log(`app: ${APP_ROOT}, node ${nodeArgs.join(' ')} ${ENTRY}; load average at each start: ${loads.join(', ')}`);
  console.log(
    `memory (MB), after start / after the journey load: ${Object.keys(memLoaded)
      .map((k) => `${k} ${memStart[k]?.toFixed(0)} / ${memLoaded[k].toFixed(0)}`)
      .join('; ')}`,
  );
  console.log(`first boot (creates and migrates every schema): ${Math.round(first.ms)} ms`);
  const cap = Number.isFinite(ORDERS) ? `, at most ${ORDERS} checkouts` : '';
  console.log(
    `journey load: ${orders} orders confirmed in ${DURATION} s${cap} from ${CLIENTS} clients; app CPU ${cpuMs.toFixed(1)} ms per order (${detail})` +
      (CGROUP ? `; in cgroup ${CGROUP}` : ''),
  );
  printTable(
    'start and memory (peer on this machine, Medusa 2.21: cold start 7.1-8.4 s, RSS 962 MB after a journey load)',
    [
      { label: 'spawn -> /health 200 (ms)', values: startMs, digits: 0, target: '<= 1,500 ms', ok: (m) => m <= 1500 },
      { label: 'CPU to start (s)', values: startCpu, digits: 2 },
      { label: 'RSS after start (MB)', values: rssStart, digits: 0 },
      {
        label: 'RSS after the journey load (MB)',
        values: [rssLoaded],
        digits: 0,
        target: '<= 200 MB',
        ok: (m) => m <= 200,
      },
    ],
  );
} finally {
  await db.drop();
}
