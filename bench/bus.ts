/**
 * Event bus benchmark: EventBus (pg-boss 12) against a real Postgres, no HTTP.
 *
 *   npm run bench:bus            BENCH_RUNS=3 by default; BENCH_DATABASE_URL is the admin connection
 *
 * Each run measures, with a fresh EventBus per measurement:
 *   a. publish-to-handler hop latency, LISTEN/NOTIFY on vs polling only (pollSeconds 2)
 *   b. sustained throughput through one subscriber while publishing
 *   c. draining a 10,000-event backlog published while no worker ran
 * and the tables report the median of the runs against the targets.
 */
import { pino } from 'pino';
import { Type } from 'typebox';
import { EventBus, queueName, type Handler } from '../src/platform/bus/bus.ts';
import { defineEvent, type Envelope } from '../src/platform/bus/event.ts';
import { createOrm, type Orm } from '../src/platform/db/orm.ts';
import { migrateModules } from '../src/platform/db/migrate.ts';
import { createBenchDatabase, machine, percentile, printTable, runs, sleep, fmt } from './lib.ts';

const CONSUMER = 'bench';
const BATCH_SIZE = 50; // BUS_BATCH_SIZE default
const POLL_SECONDS = 2; // BUS_POLL_SECONDS default
const HOP_NOTIFY_SAMPLES = Number(process.env.BENCH_HOP_SAMPLES ?? 200);
const HOP_POLL_SAMPLES = Number(process.env.BENCH_POLL_SAMPLES ?? 20);
const THROUGHPUT_EVENTS = Number(process.env.BENCH_THROUGHPUT_EVENTS ?? 5000);
const BACKLOG_EVENTS = Number(process.env.BENCH_BACKLOG_EVENTS ?? 10_000);
const PUBLISH_PER_TX = 50;
/** Which measurements to run: any of hop, throughput, backlog (comma separated). */
const PHASES = new Set((process.env.BENCH_PHASES ?? 'hop,throughput,backlog').split(',').map((x) => x.trim()));
/**
 * Publishing transactions in flight at once during the throughput and backlog phases. One publisher
 * may not keep up with the subscriber (EventBus.publish is one insert per subscribed queue and event
 * here), which would make the throughput figure measure the publisher; two keep it saturated.
 */
const PUBLISHERS = Math.max(1, Number(process.env.BENCH_PUBLISHERS ?? 2) || 2);

const BenchPinged = defineEvent(
  'bench.pinged.v1',
  Type.Object({ phase: Type.String(), seq: Type.Integer({ minimum: 0 }) }),
  'A no-op event the bus benchmark publishes to itself.',
);
type Ping = Envelope<{ phase: string; seq: number }>;

const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
const rand = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

/** Where the handler reports: counts and timings of the events of the current phase only. */
class Sink {
  phase = '';
  hops: number[] = [];
  /** performance.now() at each handler call, to see where the consumer spends its time. */
  calls: number[] = [];
  firstAt = 0;
  lastAt = 0;
  #waiter: { n: number; resolve: () => void } | undefined;

  reset(phase: string) {
    this.phase = phase;
    this.hops = [];
    this.calls = [];
    this.firstAt = 0;
    this.lastAt = 0;
    this.#waiter = undefined;
  }

  get count() {
    return this.hops.length;
  }

  readonly handler: Handler = async (_ctx, event: Ping) => {
    if (event.payload.phase !== this.phase) return; // a leftover of an earlier phase
    const now = Date.now();
    this.hops.push(now - Date.parse(event.occurredAt));
    this.calls.push(performance.now());
    this.firstAt ||= now;
    this.lastAt = now;
    if (this.#waiter && this.count >= this.#waiter.n) this.#waiter.resolve();
  };

  /** Resolves once n events of this phase were handled; rejects after timeoutMs. */
  until(n: number, timeoutMs: number): Promise<void> {
    if (this.count >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.phase}: only ${this.count}/${n} events handled after ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#waiter = {
        n,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
  }
}

async function main() {
  const db = await createBenchDatabase();
  const sink = new Sink();
  let orm: Orm | undefined;
  let bus: EventBus | undefined;
  const stopBus = async () => {
    await bus?.stop();
    bus = undefined;
  };

  /** A fresh EventBus with the bench queue declared; consuming only when asked. */
  async function newBus(notify: boolean, consume: boolean): Promise<EventBus> {
    await stopBus();
    bus = new EventBus({
      url: db.url,
      log,
      notify,
      pollSeconds: POLL_SECONDS,
      batchSize: BATCH_SIZE,
      retryLimit: 5,
      retryDelaySeconds: 1,
      retryDelayMaxSeconds: 300,
    });
    await bus.start();
    const queue = await bus.declare(CONSUMER, BenchPinged.name);
    // Every measurement starts from an empty job table and inbox, so runs are comparable.
    await bus.boss.deleteAllJobs(queue);
    await orm!.em.getConnection().execute(`truncate "${CONSUMER}".inbox`);
    if (consume) await bus.consume(orm!, CONSUMER, BenchPinged, sink.handler);
    return bus;
  }

  const publishOne = (b: EventBus, phase: string, seq: number) =>
    orm!.em.fork().transactional((em) => b.publish(em, BenchPinged, { phase, seq }, { producer: 'bench' }));

  /** n events, PUBLISH_PER_TX to a transaction, PUBLISHERS transactions at a time. */
  async function publishMany(b: EventBus, phase: string, n: number): Promise<void> {
    let next = 0;
    const publisher = async () => {
      while (next < n) {
        const start = next;
        next = Math.min(n, start + PUBLISH_PER_TX);
        await orm!.em.fork().transactional(async (em) => {
          for (let seq = start; seq < Math.min(n, start + PUBLISH_PER_TX); seq++) {
            await b.publish(em, BenchPinged, { phase, seq }, { producer: 'bench' });
          }
        });
      }
    };
    await Promise.all(Array.from({ length: PUBLISHERS }, publisher));
  }

  /** Jobs of the bench queue waiting to run (pg-boss's findJobs); 0 between phases. */
  async function pending(b: EventBus): Promise<number> {
    return (await b.boss.findJobs(queueName(CONSUMER, BenchPinged.name), { queued: true })).length;
  }

  async function hop(run: number, notify: boolean, samples: number, gapMs: () => number) {
    const b = await newBus(notify, true);
    // Warm up: connections, JIT, queue caches. Not recorded.
    sink.reset(`warm-${notify}-${run}`);
    for (let i = 0; i < 3; i++) await publishOne(b, sink.phase, i);
    await sink.until(3, 15_000);
    await sleep(notify ? 100 : rand(0, POLL_SECONDS * 1000));
    sink.reset(`hop-${notify ? 'notify' : 'poll'}-${run}`);
    for (let i = 0; i < samples; i++) {
      await publishOne(b, sink.phase, i);
      await sleep(gapMs());
    }
    await sink.until(samples, 30_000 + POLL_SECONDS * 2000);
    const result = { p50: percentile(sink.hops, 50), p99: percentile(sink.hops, 99) };
    await stopBus();
    return result;
  }

  async function throughput(run: number) {
    const b = await newBus(true, true);
    await sleep(200);
    sink.reset(`tput-${run}`);
    const elu0 = performance.eventLoopUtilization();
    const t0 = Date.now();
    await publishMany(b, sink.phase, THROUGHPUT_EVENTS);
    const published = Date.now();
    await sink.until(THROUGHPUT_EVENTS, 300_000);
    const elu = performance.eventLoopUtilization(elu0).utilization;
    const seconds = (sink.lastAt - t0) / 1000;
    const gaps = sink.calls.slice(1).map((t, i) => t - sink.calls[i]);
    const result = {
      rate: THROUGHPUT_EVENTS / seconds,
      publishRate: THROUGHPUT_EVENTS / ((published - t0) / 1000),
      lagAfterPublish: (sink.lastAt - published) / 1000,
      gapP50: percentile(gaps, 50),
      gapP99: percentile(gaps, 99),
      elu: elu * 100,
    };
    await stopBus();
    return result;
  }

  async function backlog(run: number) {
    const b = await newBus(true, false); // publisher only: no worker on the queue
    sink.reset(`drain-${run}`);
    const p0 = Date.now();
    await publishMany(b, sink.phase, BACKLOG_EVENTS);
    const publishSeconds = (Date.now() - p0) / 1000;
    const queued = await pending(b);
    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const t0 = Date.now();
    await b.consume(orm!, CONSUMER, BenchPinged, sink.handler);
    await sink.until(BACKLOG_EVENTS, 600_000);
    const elu = performance.eventLoopUtilization(elu0).utilization * 100;
    const cpu = process.cpuUsage(cpu0);
    const seconds = (sink.lastAt - t0) / 1000;
    const gaps = sink.calls.slice(1).map((t, i) => t - sink.calls[i]);
    const result = {
      seconds,
      rate: BACKLOG_EVENTS / seconds,
      publishSeconds,
      queued,
      gapP50: percentile(gaps, 50),
      elu,
      cpuPerThousand: (cpu.user + cpu.system) / 1000 / (BACKLOG_EVENTS / 1000),
    };
    await stopBus();
    return result;
  }

  const started = Date.now();
  try {
    orm = await createOrm(db.url, [], { max: 10 });
    await migrateModules(orm, db.url, [{ schema: CONSUMER }]);

    console.log(`Tessera bus benchmark: pg-boss 12.35.0, PostgreSQL ${db.serverVersion}, ${machine()}`);
    console.log(
      `database ${db.name}; ${runs} run(s); batchSize ${BATCH_SIZE}, pollSeconds ${POLL_SECONDS}; ` +
        `publishing ${PUBLISH_PER_TX} events per transaction, ${PUBLISHERS} transaction(s) at a time`,
    );

    const r = {
      notifyP50: [] as number[],
      notifyP99: [] as number[],
      pollP50: [] as number[],
      pollP99: [] as number[],
      rate: [] as number[],
      publishRate: [] as number[],
      lag: [] as number[],
      tputGap50: [] as number[],
      tputGap99: [] as number[],
      tputElu: [] as number[],
      drainElu: [] as number[],
      drainS: [] as number[],
      drainRate: [] as number[],
      drainPublishS: [] as number[],
      drainGap50: [] as number[],
      drainCpu: [] as number[],
    };

    for (let run = 1; run <= runs; run++) {
      const t = Date.now();
      const summary: string[] = [];
      if (PHASES.has('hop')) {
        const n = await hop(run, true, HOP_NOTIFY_SAMPLES, () => rand(20, 50));
        r.notifyP50.push(n.p50);
        r.notifyP99.push(n.p99);
        // Polling: gaps spread over half a poll interval so publishes land at random points of the poll cycle.
        const p = await hop(run, false, HOP_POLL_SAMPLES, () => rand(20, (POLL_SECONDS * 1000) / 2));
        r.pollP50.push(p.p50);
        r.pollP99.push(p.p99);
        summary.push(`notify p50 ${fmt(n.p50)} ms`, `poll p50 ${fmt(p.p50, 0)} ms`);
      }
      if (PHASES.has('throughput')) {
        const tp = await throughput(run);
        r.rate.push(tp.rate);
        r.publishRate.push(tp.publishRate);
        r.lag.push(tp.lagAfterPublish);
        r.tputGap50.push(tp.gapP50);
        r.tputGap99.push(tp.gapP99);
        r.tputElu.push(tp.elu);
        summary.push(`throughput ${fmt(tp.rate, 0)} ev/s (publishing ${fmt(tp.publishRate, 0)} ev/s)`);
      }
      if (PHASES.has('backlog')) {
        const d = await backlog(run);
        if (d.queued !== BACKLOG_EVENTS)
          console.log(`  note: ${d.queued} jobs were queued before the drain (expected ${BACKLOG_EVENTS})`);
        r.drainS.push(d.seconds);
        r.drainRate.push(d.rate);
        r.drainPublishS.push(d.publishSeconds);
        r.drainGap50.push(d.gapP50);
        r.drainElu.push(d.elu);
        r.drainCpu.push(d.cpuPerThousand);
        summary.push(`drain ${fmt(d.seconds)} s`);
      }
      console.log(`  run ${run}/${runs} done in ${((Date.now() - t) / 1000).toFixed(0)} s: ${summary.join(', ')}`);
    }

    printTable('Event bus (medians of runs)', [
      {
        label: `hop p50, LISTEN/NOTIFY (ms, n=${HOP_NOTIFY_SAMPLES})`,
        values: r.notifyP50,
        target: '<= 5 ms',
        ok: (m) => m <= 5,
      },
      { label: 'hop p99, LISTEN/NOTIFY (ms)', values: r.notifyP99 },
      { label: `hop p50, polling ${POLL_SECONDS} s (ms, n=${HOP_POLL_SAMPLES})`, values: r.pollP50, digits: 0 },
      { label: `hop p99, polling ${POLL_SECONDS} s (ms)`, values: r.pollP99, digits: 0 },
      {
        label: `throughput, 1 subscriber (ev/s, N=${THROUGHPUT_EVENTS})`,
        values: r.rate,
        digits: 0,
        target: '>= 1000 ev/s',
        ok: (m) => m >= 1000,
      },
      { label: '  publish rate meanwhile (ev/s)', values: r.publishRate, digits: 0 },
      { label: '  handler lag after last publish (s)', values: r.lag, digits: 2 },
      { label: '  time per event in consumer, p50 (ms)', values: r.tputGap50, digits: 2 },
      { label: '  time per event in consumer, p99 (ms)', values: r.tputGap99, digits: 2 },
      { label: '  Node event loop busy (%)', values: r.tputElu, digits: 0 },
      {
        label: `backlog ${BACKLOG_EVENTS} drained (s)`,
        values: r.drainS,
        digits: 1,
        target: '< 30 s',
        ok: (m) => m < 30,
      },
      {
        label: '  drain rate (ev/s)',
        values: r.drainRate,
        digits: 0,
        target: '>= 3000 ev/s',
        ok: (m) => m >= 3000,
      },
      { label: '  bench process CPU per 1000 events drained (ms)', values: r.drainCpu, digits: 0 },
      { label: '  time per event in consumer, p50 (ms)', values: r.drainGap50, digits: 2 },
      { label: '  Node event loop busy (%)', values: r.drainElu, digits: 0 },
      { label: '  publishing the backlog took (s)', values: r.drainPublishS, digits: 1 },
    ]);
    console.log(`
Hop = handler's Date.now() minus envelope.occurredAt (stamped in publish, before the publishing
transaction commits), so it includes that commit. Polling samples are spaced 20-${(POLL_SECONDS * 1000) / 2} ms apart
so they land at random points of the poll cycle (expected p50 about half the poll interval).
"time per event in consumer" = gap between consecutive handler calls: near zero inside a batch, and
once per batch of up to ${BATCH_SIZE} pg-boss's fetch, the batch's transaction (begin, the inbox
insert, commit) and pg-boss's completion.
"Node event loop busy" = event loop utilisation of this process (publisher and subscriber share it).
Throughput is end to end (first publish to last handled) and so bounded by the slower of publisher
and subscriber; "handler lag after last publish" > 0 means the subscriber was the bottleneck.
Baseline measured with pg-boss 12 alone on this machine: polling p50 ~ 1.6 s, LISTEN/NOTIFY p50 ~ 5 ms,
and a one-job-per-poll worker drains only ~2 jobs/s.
The outbox design (B) against this one: node bench/bus-outbox.ts (docs/adr/0001-bus-on-pg-boss-public-api.md).
Total ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await stopBus().catch((err) => console.error('stopping the bus failed:', err));
    await orm?.close().catch((err) => console.error('closing the ORM failed:', err));
    await db.drop();
  }
}

await main();
