/** Shared bits of the benchmarks: a throwaway database, statistics, and table printing. */
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import pg from 'pg';
import type { boot as Boot } from '../src/platform/host/boot.ts';

/** Admin connection: the benchmark creates (and drops) its own database on this server. */
export const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** How many times each measurement is repeated; the tables report the median. */
export const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3) || 3);

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  serverVersion: string;
  drop(): Promise<void>;
}

/** Creates `tessera_bench_<random>` (BENCH_DB_PREFIX replaces `tessera_bench_`); drop() removes it (also on Ctrl-C). */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const prefix = process.env.BENCH_DB_PREFIX ?? 'tessera_bench_';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`BENCH_DB_PREFIX: ${prefix} is not a plain identifier`);
  const name = `${prefix}${randomBytes(5).toString('hex')}`;
  const serverVersion = await admin(async (c) => {
    await c.query(`create database ${name}`);
    // (bench/statements.ts: planning is a cost of its own, counted only when asked for)
    if (process.env.BENCH_STATEMENTS)
      await c.query(`alter database ${name} set pg_stat_statements.track_planning = on`);
    return String((await c.query('show server_version')).rows[0].server_version);
  });
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  const drop = () =>
    (dropped ??= admin(async (c) => {
      await c.query(`drop database if exists ${name} with (force)`);
    }));
  const onSignal = () => {
    process.stderr.write(`\ninterrupted: dropping ${name}\n`);
    drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { name, url: u.toString(), serverVersion, drop };
}

/**
 * Starts a server script of this repository (or of the checkout at `root`) under this Node, with `env`
 * added, and answers once it prints `listening on <url>`. Its stderr comes through to ours.
 */
/** The flags `npm start` and the Dockerfile run the app with (package.json; test/node-flags.test.ts keeps them alike). */
export const APP_NODE_ARGS = ['--max-semi-space-size=4'];

export function startServer(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
  root = resolve(import.meta.dirname, '..'),
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((ok, fail) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s"]+)/.exec(out);
      if (m) ok({ child, url: m[1] });
    });
    child.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
      process.stderr.write(d);
    });
    child.once('exit', (code) => fail(new Error(`${script} exited ${code}:\n${out.slice(-2000)}`)));
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Median (the mean of the middle two for an even count), ignoring non-finite values. */
export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function fmt(x: number | undefined, digits = 1): string {
  if (x === undefined || !Number.isFinite(x)) return 'n/a';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return x.toFixed(digits);
}

export interface Row {
  label: string;
  values: number[];
  digits?: number;
  /** Human-readable target, e.g. "< 10 ms". */
  target?: string;
  /** Pass/fail of the median against the target. */
  ok?: (median: number) => boolean;
}

/** Prints one row per figure: each run, the median, the target and whether the median meets it. */
export function printTable(title: string, all: Row[]): void {
  const rows = all.filter((r) => r.values.length > 0);
  if (rows.length === 0) return;
  const n = Math.max(...rows.map((r) => r.values.length));
  const targets = rows.some((r) => r.target || r.ok);
  const head = [
    '',
    ...Array.from({ length: n }, (_, i) => `run ${i + 1}`),
    ...(n > 1 ? ['median'] : []),
    ...(targets ? ['target', ''] : []),
  ];
  const body = rows.map((r) => {
    const m = median(r.values);
    const verdict = r.ok ? (Number.isFinite(m) && r.ok(m) ? 'PASS' : 'MISS') : '';
    return [
      r.label,
      ...Array.from({ length: n }, (_, i) => fmt(r.values[i], r.digits)),
      ...(n > 1 ? [fmt(m, r.digits)] : []),
      ...(targets ? [r.target ?? '', verdict] : []),
    ];
  });
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((cells) => cells[i].length)));
  const left = (i: number) => i === 0 || (targets && i >= head.length - 2);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (left(i) ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(
    widths
      .map((w) => '-'.repeat(w))
      .join('  ')
      .trimEnd(),
  );
  for (const cells of body) console.log(line(cells));
}

export const machine = () =>
  `Node ${process.version}, ${availableParallelism()} CPU(s) (${cpus()[0]?.model?.trim() ?? 'unknown'})`;

/**
 * CPU seconds used so far by the given processes and by every Postgres process on this machine
 * (Linux /proc; undefined elsewhere). CPU per unit of work is the figure the machine's noise
 * disturbs least: a shared host slows a run down, it does not make it do more work.
 */
export function cpuSeconds(pids: number[]): { app: number; postgres: number } | undefined {
  const hz = 100; // USER_HZ: the unit of /proc/<pid>/stat on Linux
  const ticks = (pid: string, reaped = false) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    // utime + stime, and with `reaped` cutime + cstime: what the process's exited children used
    // (a Postgres backend that closes mid-run is counted by the postmaster that reaps it).
    return Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0);
  };
  try {
    let app = 0,
      postgres = 0;
    for (const pid of pids) app += ticks(String(pid));
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) postgres += ticks(pid, true);
      } catch {
        /* gone meanwhile */
      }
    }
    return { app: app / hz, postgres: postgres / hz };
  } catch {
    return undefined;
  }
}

/**
 * A lean JSON client for scripted journeys (keep-alive sockets, no WHATWG streams): the load
 * generator shares the machine with the app and Postgres, and `fetch` cost about twice the CPU per
 * request. Answers the status and the parsed body.
 */
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 256 });
export function httpJson(
  method: string,
  url: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent: keepAlive,
        headers: {
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined });
          } catch (err) {
            reject(err);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU ticks and read/write system calls (each round trip to Postgres is at least one of each) so far. */
function usage(pid: number): { ticks: number; syscalls: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const count = (k: string) => Number(io.match(new RegExp(`^${k}: (\\d+)`, 'm'))?.[1] ?? 0);
  return { ticks: Number(fields[11]) + Number(fields[12]), syscalls: count('syscr') + count('syscw') };
}

export interface Cost {
  appCpu: number;
  pgCpu: number;
  appSyscalls: number;
  pgSyscalls: number;
  /** BENCH_ROUND_TRIPS=1: the queries pg sent, by the ORM's pool and by the bus's. */
  roundTrips?: { orm: number; bus: number };
}

/**
 * What the given processes and the Postgres backends of this database (not the whole server, which
 * others share) cost from now until the returned function is called: CPU seconds and system calls.
 * A backend that exits meanwhile is not counted (the app's pools keep theirs).
 */
export async function measureCost(pids: number[], url: string): Promise<() => Promise<Cost | undefined>> {
  const backends = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const { rows } = await c.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      return rows.map((r) => r.pid);
    } finally {
      await c.end();
    }
  };
  const snapshot = async () => {
    const take = (list: number[]) =>
      new Map(
        list.flatMap((pid) => {
          try {
            return [[pid, usage(pid)] as const];
          } catch {
            return []; // (gone meanwhile, or not readable here)
          }
        }),
      );
    return { app: take(pids), pg: take(await backends()), trips: await roundTrips(pids) };
  };
  const sum = (after: Map<number, ReturnType<typeof usage>>, before: Map<number, ReturnType<typeof usage>>) => {
    let ticks = 0,
      syscalls = 0;
    for (const [pid, u] of after) {
      ticks += u.ticks - (before.get(pid)?.ticks ?? 0);
      syscalls += u.syscalls - (before.get(pid)?.syscalls ?? 0);
    }
    return { cpu: ticks / 100, syscalls };
  };
  let before: Awaited<ReturnType<typeof snapshot>>;
  try {
    before = await snapshot();
  } catch {
    return async () => undefined;
  }
  return async () => {
    const after = await snapshot();
    const app = sum(after.app, before.app),
      postgres = sum(after.pg, before.pg);
    const trips = (pool: string) => after.trips[pool] - before.trips[pool];
    return {
      appCpu: app.cpu,
      pgCpu: postgres.cpu,
      appSyscalls: app.syscalls,
      pgSyscalls: postgres.syscalls,
      ...(process.env.BENCH_ROUND_TRIPS ? { roundTrips: { orm: trips('tessera'), bus: trips('tessera-bus') } } : {}),
    };
  };
}

/**
 * BENCH_ROUND_TRIPS=1: the queries pg sent so far in the app's processes, per pool (round-trips-preload.mjs,
 * which the app is started with; it writes them when signalled).
 */
async function roundTrips(pids: number[]): Promise<Record<string, number>> {
  if (!process.env.BENCH_ROUND_TRIPS) return {};
  for (const pid of pids) process.kill(pid, 'SIGUSR2');
  await sleep(200);
  const total: Record<string, number> = {};
  for (const pid of pids)
    for (const [pool, n] of Object.entries(
      JSON.parse(readFileSync(`/tmp/tessera-round-trips-${pid}.json`, 'utf8')) as Record<string, number>,
    ))
      total[pool] = (total[pool] ?? 0) + n;
  return total;
}

/** A fixed pseudo-random sequence (so two runs make the same data), and a pick from a list by it. */
export function seededRandom(seed = 42) {
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return { rand, pick: <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T };
}

/** The recommendation benches' app: a fresh database, `user` and `recommendation` only, these limits off. */
export async function startRecommendationApp(boot: typeof Boot, rateLimits: string) {
  const db = await createBenchDatabase();
  const tessera = await boot({
    overrides: {
      DATABASE_URL: db.url,
      MODULES: 'user,recommendation',
      LOG_LEVEL: 'warn',
      SEED_DEMO: false,
      RATE_LIMITS: rateLimits,
    },
  });
  return { db, tessera };
}
