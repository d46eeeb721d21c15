/**
 * Why is the first report after a bulk load slower? Loads like bench/analytics.ts, then records the
 * bus and table state, EXPLAINs the sales query, and times the UTC day report first AND last, each
 * sample with its time and the GC pauses that overlapped it.
 * Findings and figures: ADR 0066. Runs under the flags it is given (compare with and without
 * `--max-semi-space-size=4`, the app's).
 *
 *   node [--expose-gc] bench/analytics-diagnose.ts    BENCH_ORDERS (5000), BENCH_CALLS (300),
 *     DIAG_ANALYZE=0 (no VACUUM ANALYZE after the load), DIAG_SETTLE=<s> (wait before timing),
 *     DIAG_GC=1 (a full GC before timing; needs --expose-gc)
 */
import { PerformanceObserver } from 'node:perf_hooks';
import os from 'node:os';
import v8 from 'node:v8';
import pg from 'pg';
import { analystRequest, publishYearOfSales, startAnalyticsApp } from './analytics-setup.ts';
import { fmt, percentile, sleep } from './lib.ts';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 5000);
const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const WARM = 20;

const newSpace = () => {
  const n = v8.getHeapSpaceStatistics().find((x) => x.space_name === 'new_space')!;
  return `${fmt(n.space_size / 2 ** 20)} MB, heap ${fmt(v8.getHeapStatistics().used_heap_size / 2 ** 20)} MB`;
};
const gcs: { start: number; end: number; kind: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    gcs.push({
      start: e.startTime,
      end: e.startTime + e.duration,
      kind: (e as unknown as { detail: { kind: number } }).detail.kind,
    });
}).observe({ entryTypes: ['gc'] });

const { db, tessera } = await startAnalyticsApp();
const side = new pg.Client({ connectionString: db.url });
await side.connect();
const q = async (text: string, values: unknown[] = []) => (await side.query(text, values)).rows;
const state = async (label: string) => {
  const queues = (await tessera.platform.bus.boss.getQueues()).filter(
    (x) => !x.name.startsWith('dead/') && (x.activeCount || x.queuedCount),
  );
  const tables =
    await q(`select schemaname||'.'||relname as t, n_live_tup, n_dead_tup, n_tup_upd, n_tup_hot_upd, pg_relation_size(relid) as heap, pg_indexes_size(relid) as idx, n_mod_since_analyze,
      last_analyze is not null as analyzed, last_autoanalyze is not null as autoanalyzed,
      last_autovacuum is not null as autovacuumed
    from pg_stat_user_tables where schemaname in ('analytics','pgboss') and (n_live_tup > 0 or n_dead_tup > 0) order by 1`);
  const av = await q(`select query from pg_stat_activity where backend_type = 'autovacuum worker'`);
  console.log(`\n## ${label} (load ${(await import('node:os')).loadavg().map((x) => x.toFixed(2))})`);
  console.log('queues with jobs:', JSON.stringify(queues.map((x) => [x.name, x.queuedCount, x.activeCount])));
  console.log('autovacuum workers:', JSON.stringify(av.map((r) => r.query)));
  for (const r of tables) console.log(' ', JSON.stringify(r));
};
try {
  const end = Date.now();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await publishYearOfSales(tessera, ORDERS, end);
  const loaded = performance.now();
  await state('facts all in');
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `load: ${fmt((loaded - t0) / 1000)} s, app CPU ${fmt((cpu.user + cpu.system) / 1e6)} s, gc during load ${fmt(gcs.filter((g) => g.start >= t0).reduce((s, g) => s + g.end - g.start, 0))} ms; new space after the load: ${newSpace()}`,
  );

  const { headers, from, to, range } = await analystRequest(tessera, end);
  const explain = async (label: string) => {
    // The UTC year: one run of offset 0, no DST day (what sales-report.ts sends for tz=UTC).
    const plan = await q(
      `explain (analyze, buffers, timing) select to_char(date_trunc('day', day::timestamp), 'YYYY-MM-DD') as period, currency,
         sum(orders)::int, sum(revenue)::text from (
         select s.day, s.currency, s.orders, s.revenue
         from unnest($1::smallint[], $2::date[], $3::date[]) as r(off, first, last)
         join analytics.sales_daily s on s.offset_minutes = r.off and s.day >= r.first and s.day <= r.last) d
       group by 1, 2 order by 1, 2`,
      [[0], [from], [to]],
    );
    console.log(`\n## EXPLAIN ${label}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
  };
  await explain('right after the load (no ANALYZE yet)');
  if (process.env.DIAG_ANALYZE !== '0') {
    await q('vacuum analyze analytics.sales_daily, analytics.facts');
    await explain('after vacuum analyze');
  }

  const time = async (label: string, report: string) => {
    const url = `/admin/analytics/${report}&${range}`;
    const samples: { at: number; ms: number; gc: number }[] = [];
    for (let i = 0; i < CALLS + WARM; i++) {
      const t = performance.now();
      const res = await tessera.app.inject({ method: 'GET', url, headers });
      const t2 = performance.now();
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
      const gc = gcs.filter((g) => g.end > t && g.start < t2).reduce((s, g) => s + (g.end - g.start), 0);
      if (i >= WARM) samples.push({ at: (t - loaded) / 1000, ms: t2 - t, gc });
    }
    const ms = samples.map((s) => s.ms);
    const inWindow = gcs.filter((g) => g.start >= loaded + samples[0].at * 1000 && g.start <= performance.now());
    const gcNote = `gc ${inWindow.length} pauses ${fmt(inWindow.reduce((s, g) => s + g.end - g.start, 0))} ms (kinds ${JSON.stringify(Object.fromEntries(Object.entries(Object.groupBy(inWindow, (g) => String(g.kind))).map(([k, v]) => [k, `${v!.length}x ${fmt(v!.reduce((s, g) => s + g.end - g.start, 0))}ms`])))}; new space ${newSpace()}, longest ${fmt(Math.max(0, ...inWindow.map((g) => g.end - g.start)))})`;
    const slow = [...samples].sort((a, b) => b.ms - a.ms).slice(0, 6);
    console.log(
      `| ${label} | ${report} | ${fmt(percentile(ms, 50), 2)} | ${fmt(percentile(ms, 99), 2)} | ${fmt(Math.max(...ms), 2)} | ${gcNote} | ${os.loadavg()[0].toFixed(2)} | slowest (s after load: ms, gc ms): ${slow.map((s) => `${fmt(s.at)}: ${fmt(s.ms)}, ${fmt(s.gc)}`).join('; ')} |`,
    );
  };
  const settle = Number(process.env.DIAG_SETTLE ?? 0);
  if (settle) await sleep(settle * 1000);
  if (process.env.DIAG_GC) (globalThis as unknown as { gc: () => void }).gc();
  const gcBefore = gcs.length;
  console.log(
    '\n| when | report | p50 | p99 | max | gc in window | load | slowest |\n|---|---|---|---|---|---|---|---|',
  );
  await time('first', 'sales?granularity=day&tz=UTC');
  await time('2nd', 'sales?granularity=day&tz=America/New_York');
  await time('3rd', 'sales?granularity=day&tz=UTC&format=csv');
  await time('last', 'sales?granularity=day&tz=UTC');
  await state('after the reports');
  await explain('at the end');
  const after = gcs.slice(gcBefore);
  console.log(
    `\nGC during timing: ${after.length} pauses, ${fmt(after.reduce((s, g) => s + g.end - g.start, 0))} ms; longest ${fmt(Math.max(...after.map((g) => g.end - g.start)))} ms; major (kind 2/4): ${after.filter((g) => g.kind !== 1).length}`,
  );
} finally {
  await side.end();
  await tessera.close();
  await db.drop();
}
