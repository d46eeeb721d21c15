/**
 * Analytics benchmark: the app (user + analytics) booted in-process on a fresh database, a year of
 * sales published through the bus as the order module would (BENCH_ORDERS, default 20,000, in EUR
 * and USD), then the 365-day sales report asked BENCH_CALLS times (default 500) per grain and time
 * zone through app.inject (no socket): p50/p99 of the answer. The funnel (hour rows: one per hour
 * with a confirmed order) and the top products the same way.
 *
 * Timing starts once the analytics queues have drained (every job settled, not only every fact
 * stored), and runs under the Node flags the app is started with (APP_NODE_ARGS, or BENCH_NODE_ARGS):
 * the bench re-runs itself with them, since the young generation they size decides the GC pauses
 * a report meets (ADR 0066).
 *
 *   node bench/analytics.ts     BENCH_ORDERS, BENCH_CALLS, BENCH_DATABASE_URL (admin connection)
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { analystRequest, publishYearOfSales, startAnalyticsApp } from './analytics-setup.ts';
import { APP_NODE_ARGS, fmt, machine, percentile, sleep } from './lib.ts';

const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? APP_NODE_ARGS;
if (!process.env.BENCH_REEXEC) {
  const run = spawnSync(process.execPath, [...nodeArgs, import.meta.filename], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_REEXEC: '1' },
  });
  process.exit(run.status ?? 1);
}

const ORDERS = Number(process.env.BENCH_ORDERS ?? 20_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 500);
/** Calls per report before timing: they warm the plan cache, the JIT and the serializers. */
const WARM = Number(process.env.BENCH_WARM ?? 20);
/** GC pauses in this process (the app's), to say how much of a report's tail they are. */
const pauses: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ entryTypes: ['gc'] });
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

const { db, tessera } = await startAnalyticsApp();
try {
  const { platform } = tessera;
  console.log(
    `Tessera analytics benchmark: ${machine()}, flags ${process.execArgv.join(' ') || 'none'}, PostgreSQL ${db.serverVersion}, load ${load()}`,
  );
  const end = Date.now();
  const seeded = performance.now();
  await publishYearOfSales(tessera, ORDERS, end);
  // Settled, not only stored: a job is completed after its batch commits (pg-boss's public API).
  const unsettled = async () => {
    for (const queue of platform.bus.workingQueues)
      for (const job of await platform.bus.boss.findJobs(queue))
        if (job.state === 'created' || job.state === 'retry' || job.state === 'active') return true;
    return false;
  };
  while (await unsettled()) await sleep(200);
  const days = (
    await platform.orm.em.fork().getConnection().execute('select count(*) as n from analytics.sales_daily')
  )[0].n;
  console.log(
    `${ORDERS} orders over 365 days rolled up into ${days} day rows (all offsets) in ${fmt((performance.now() - seeded) / 1000)} s`,
  );

  // What autovacuum would do after a bulk load, before it (not the reports) is what gets timed.
  await platform.orm.em.fork().getConnection().execute('vacuum analyze analytics.sales_daily, analytics.facts');

  const { headers, range } = await analystRequest(tessera, end);
  console.log(
    '| report (365 days) | calls | p50 ms | p99 ms | max ms | GC pauses in its calls ms |\n|---|---|---|---|---|---|',
  );
  for (const q of [
    'sales?granularity=day&tz=UTC',
    'sales?granularity=day&tz=America/New_York',
    'sales?granularity=month&tz=Europe/Paris',
    'sales?granularity=week&tz=Asia/Kolkata',
    'sales?granularity=day&tz=UTC&format=csv',
    'funnel?granularity=day&tz=America/New_York',
    'top-products?tz=Europe/Paris',
  ]) {
    const url = `/admin/analytics/${q}&${range}`;
    const samples: number[] = [];
    const spans: [number, number][] = [];
    for (let i = 0; i < CALLS + WARM; i++) {
      const t = performance.now();
      const res = await tessera.app.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      const done = performance.now();
      if (i < WARM) continue;
      samples.push(done - t);
      spans.push([t, done]);
    }
    await sleep(10); // (GC entries reach the observer after the fact)
    let gc = 0;
    for (const [t, done] of spans)
      for (const p of pauses) if (p.end > t && p.start < done) gc += Math.min(p.end, done) - Math.max(p.start, t);
    console.log(
      `| ${q} | ${CALLS} | ${fmt(percentile(samples, 50), 2)} | ${fmt(percentile(samples, 99), 2)} | ${fmt(Math.max(...samples), 2)} | ${fmt(gc)} |`,
    );
  }
  console.log(`load average at the end: ${load()}`);
} finally {
  await tessera.close();
  await db.drop();
}
