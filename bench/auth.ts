/**
 * Auth benchmark: the whole app booted in-process on a fresh database, hammered over HTTP with
 * autocannon: POST /store/auth/register (a new email each request) and POST /store/auth/login
 * (one account, right password).
 *
 *   npm run bench:auth      BENCH_RUNS (default 3), BENCH_DURATION seconds (default 10),
 *                           BENCH_CONNECTIONS (default 8), BENCH_DATABASE_URL (admin connection)
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { boot } from '../src/platform/host/boot.ts';
import { hashPassword, verifyPassword } from '../src/platform/auth/passwords.ts';
import { createBenchDatabase, machine, printTable, runs, type Row } from './lib.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PASSWORD = 'Correct-horse-9-battery';

// autocannon ships no types (and @types/autocannon is not installed): the part used here.
interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest, context: object) => AutocannonRequest;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
}

const summarise = (r: AutocannonResult, okStatus: number): Figures => {
  const ok = r.statusCodeStats[String(okStatus)]?.count ?? 0;
  const bad = r.requests.total - ok + r.errors;
  return { rps: ok / r.duration, p50: r.latency.p50, p99: r.latency.p99, ok, bad };
};

/** Argon2id alone at the same concurrency: the ceiling the endpoints can approach. */
async function argonAlone(op: 'hash' | 'verify', seconds: number): Promise<number> {
  const hashed = await hashPassword(PASSWORD);
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const lane = async () => {
    while (performance.now() < until) {
      if (op === 'hash') await hashPassword(PASSWORD);
      else await verifyPassword(hashed, PASSWORD);
      done++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, lane));
  return done / ((performance.now() - t0) / 1000);
}

async function main() {
  const db = await createBenchDatabase();
  let tessera: Awaited<ReturnType<typeof boot>> | undefined;
  const started = Date.now();
  try {
    tessera = await boot({
      overrides: { DATABASE_URL: db.url, PORT: 0, LOG_LEVEL: 'warn', AUTH_RATE_LIMIT_MAX: 1_000_000 },
    });
    const url = await tessera.app.listen({ host: '127.0.0.1', port: 0 });
    console.log(`Tessera auth benchmark: ${machine()}, PostgreSQL ${db.serverVersion}`);
    console.log(
      `app at ${url} on database ${db.name}; ${runs} run(s) of ${DURATION} s per endpoint, ${CONNECTIONS} connections;` +
        ` UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}; cache: ${tessera.platform.config.REDIS_URL ? 'redis' : 'memory'}`,
    );

    const post = async (path: string, body: object) => {
      const res = await fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, text: await res.text() };
    };
    const tag = randomBytes(4).toString('hex');
    let counter = 0;
    const nextEmail = () => `bench-${tag}-${++counter}@example.com`;

    // One account to log in as, and a few requests of each kind to warm up (pools, JIT, schema compilers).
    const loginEmail = nextEmail();
    const first = await post('/store/auth/register', { email: loginEmail, password: PASSWORD });
    if (first.status !== 202) throw new Error(`register answered ${first.status}: ${first.text}`);
    for (let i = 0; i < 4; i++) {
      const a = await post('/store/auth/register', { email: nextEmail(), password: PASSWORD });
      const b = await post('/store/auth/login', { email: loginEmail, password: PASSWORD });
      if (a.status !== 202 || b.status !== 200)
        throw new Error(`warm-up failed: register ${a.status}, login ${b.status}: ${b.text}`);
    }

    const headers = { 'content-type': 'application/json' };
    const register: AutocannonRequest = {
      method: 'POST',
      path: '/store/auth/register',
      headers,
      // Called before every request: a fresh email each time, so every register is a real sign-up.
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ email: nextEmail(), password: PASSWORD }) }),
    };
    const login: AutocannonRequest = {
      method: 'POST',
      path: '/store/auth/login',
      headers,
      body: JSON.stringify({ email: loginEmail, password: PASSWORD }),
    };

    const reg: Figures[] = [];
    const log: Figures[] = [];
    const hashRate: number[] = [];
    const verifyRate: number[] = [];
    for (let run = 1; run <= runs; run++) {
      reg.push(
        summarise(await autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests: [register] }), 202),
      );
      log.push(
        summarise(await autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests: [login] }), 200),
      );
      hashRate.push(await argonAlone('hash', 3));
      verifyRate.push(await argonAlone('verify', 3));
      const r = reg.at(-1)!;
      const l = log.at(-1)!;
      console.log(
        `  run ${run}/${runs}: register ${r.rps.toFixed(1)} req/s (${r.bad} failed), login ${l.rps.toFixed(1)} req/s (${l.bad} failed)`,
      );
    }

    const rows = (name: string, f: Figures[]): Row[] => [
      { label: `${name} (req/s)`, values: f.map((x) => x.rps), digits: 1 },
      { label: `${name} latency p50 (ms)`, values: f.map((x) => x.p50), digits: 0 },
      { label: `${name} latency p99 (ms)`, values: f.map((x) => x.p99), digits: 0 },
      { label: `${name} non-2xx / errors`, values: f.map((x) => x.bad), digits: 0 },
    ];
    printTable(`Auth endpoints, ${CONNECTIONS} connections, ${DURATION} s each (medians of runs)`, [
      ...rows('register', reg),
      ...rows('login', log),
      { label: 'argon2id hash alone, same concurrency (/s)', values: hashRate, digits: 1 },
      { label: 'argon2id verify alone, same concurrency (/s)', values: verifyRate, digits: 1 },
    ]);
    console.log(`
Passwords are hashed with argon2id (m=19 MiB, t=2, p=1; src/platform/auth/passwords.ts): register
hashes once, login verifies once, and that hash dominates both endpoints; the "alone" rows are the
hash by itself on the libuv thread pool (measured after each run), the ceiling the endpoints can
approach on this machine.
autocannon runs in the same process as the app; the auth rate limit is raised to 1,000,000.
Total ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await tessera?.close().catch((err) => console.error('closing the app failed:', err));
    await db.drop();
  }
}

await main();
