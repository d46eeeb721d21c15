/**
 * Design A (the bus: pg-boss's transactional insert in the business transaction) against a small
 * prototype of design B (an outbox table in the module's schema, relayed to pg-boss by its public
 * API), in the same job: publish cost, hop latency, drain rate. See docs/adr/0001-*.md.
 *
 *   node bench/bus-outbox.ts        BENCH_RUNS=3 by default; BENCH_DATABASE_URL is the admin connection
 */
import pg from 'pg';
import { pino } from 'pino';
import { fromKysely } from 'pg-boss';
import { Type } from 'typebox';
import { EventBus } from '../src/platform/bus/bus.ts';
import { defineEvent, type Envelope } from '../src/platform/bus/event.ts';
import { query } from '../src/platform/db/sql.ts';
import { createOrm, type Orm } from '../src/platform/db/orm.ts';
import { migrateModules } from '../src/platform/db/migrate.ts';
import { createBenchDatabase, machine, percentile, printTable, runs, sleep } from './lib.ts';

const Pinged = defineEvent('bench.pinged.v1', Type.Object({ seq: Type.Integer() }), 'A no-op event.');
const HOPS = Number(process.env.BENCH_HOP_SAMPLES ?? 100);
const BACKLOG = Number(process.env.BENCH_BACKLOG_EVENTS ?? 5000);
const log = pino({ level: 'warn' });

const db = await createBenchDatabase();
const orm: Orm = await createOrm(db.url, [], { max: 10 });
await migrateModules(orm, db.url, [{ schema: 'bench' }]);
await orm.em.getConnection().execute('create table bench.outbox (id bigserial primary key, event text, data jsonb)');
const bus = new EventBus({
  url: db.url,
  log,
  notify: true,
  pollSeconds: 2,
  batchSize: 50,
  retryLimit: 2,
  retryDelaySeconds: 1,
  retryDelayMaxSeconds: 5,
});
await bus.start();
const queue = await bus.declare('bench', Pinged.name);

let seen: number[] = [];
let lastAt = 0;
const consume = () =>
  bus.consume(orm, 'bench', Pinged, async (_ctx, e: Envelope) => {
    lastAt = Date.now();
    seen.push(lastAt - Date.parse(e.occurredAt));
  });
const until = async (n: number) => {
  while (seen.length < n) await sleep(2);
};
const envelope = (seq: number): Envelope => ({
  id: crypto.randomUUID(),
  name: Pinged.name,
  occurredAt: new Date().toISOString(),
  producer: 'bench',
  correlationId: 'bench',
  payload: { seq },
});

/** B: the business transaction writes outbox rows and wakes the relay. */
const publishB = (seqs: number[]) =>
  orm.em.fork().transactional(async (em) => {
    await query(em, `insert into bench.outbox (event, data) select $1, unnest($2::jsonb[])`, [
      Pinged.name,
      seqs.map((s) => JSON.stringify(envelope(s))),
    ]);
    await query(em, `select pg_notify('bench_outbox', '')`);
  });
const publishA = (seqs: number[]) =>
  orm.em.fork().transactional((em) =>
    bus.publishAll(
      em,
      Pinged,
      seqs.map((seq) => ({ seq })),
      { producer: 'bench' },
    ),
  );

/** B's relay: takes outbox rows and inserts them through pg-boss's public insert, in one transaction. */
let relayOn = false;
let relayWake = () => {};
async function relay() {
  while (relayOn) {
    const moved = await orm.em.fork().transactional(async (em) => {
      const rows = await query<{ data: Envelope }>(
        em,
        `delete from bench.outbox where id in (select id from bench.outbox order by id limit 500 for update skip locked) returning data`,
      );
      if (rows.length)
        await bus.boss.insert(
          queue,
          rows.map((r) => ({ data: r.data })),
          { db: fromKysely(em.getKysely()) },
        );
      return rows.length;
    });
    if (!moved) await new Promise<void>((r) => ((relayWake = r), setTimeout(r, 500)));
  }
}
const listener = new pg.Client({ connectionString: db.url });
await listener.connect();
await listener.query('listen bench_outbox');
listener.on('notification', () => relayWake());

const relayTo = (on: boolean) => {
  relayOn = on;
  if (on) void relay();
  else relayWake();
};

async function measure(design: 'A' | 'B') {
  const publish = design === 'A' ? publishA : publishB;
  relayTo(design === 'B');
  await consume();
  // publish cost and hop: one event per transaction, nothing else in it
  seen = [];
  const costs: number[] = [];
  for (let i = 0; i < HOPS; i++) {
    const t = performance.now();
    await publish([i]);
    costs.push(performance.now() - t);
    await sleep(20 + Math.random() * 30);
  }
  await until(HOPS);
  const hops = seen;
  // drain: a backlog published in transactions of 50 while nothing runs, then relayed (B) and consumed
  await bus.stopConsuming(queue);
  relayTo(false);
  for (let i = 0; i < BACKLOG; i += 50) await publish(Array.from({ length: 50 }, (_, k) => i + k));
  seen = [];
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  relayTo(design === 'B');
  await consume();
  await until(BACKLOG);
  const cpu = process.cpuUsage(cpu0);
  await bus.stopConsuming(queue);
  relayTo(false);
  return {
    cost: percentile(costs, 50),
    hop50: percentile(hops, 50),
    hop99: percentile(hops, 99),
    drain: BACKLOG / ((lastAt - t0) / 1000),
    cpu: (cpu.user + cpu.system) / 1000 / (BACKLOG / 1000),
  };
}

console.log(`Outbox prototype (B) against the bus (A), ${machine()}`);
const r = { A: [] as Awaited<ReturnType<typeof measure>>[], B: [] as Awaited<ReturnType<typeof measure>>[] };
try {
  for (let run = 0; run < runs; run++) {
    // (the order alternates, so neither design always runs first on a warm-up)
    for (const d of run % 2 ? (['B', 'A'] as const) : (['A', 'B'] as const)) r[d].push(await measure(d));
    console.log(`  run ${run + 1}/${runs} done`);
  }
  const rows = (['A', 'B'] as const).flatMap((d) => [
    { label: `${d}: publish, one event per transaction, p50 (ms)`, values: r[d].map((x) => x.cost), digits: 1 },
    { label: `${d}: hop p50 (ms, n=${HOPS})`, values: r[d].map((x) => x.hop50), digits: 1 },
    { label: `${d}: hop p99 (ms)`, values: r[d].map((x) => x.hop99), digits: 1 },
    { label: `${d}: drain of ${BACKLOG} (ev/s)`, values: r[d].map((x) => x.drain), digits: 0 },
    { label: `${d}: bench CPU per 1000 events drained (ms)`, values: r[d].map((x) => x.cpu), digits: 0 },
  ]);
  printTable('Design A (pg-boss insert in the business transaction) vs B (outbox + relay)', rows);
} finally {
  relayOn = false;
  relayWake();
  await listener.end();
  await bus.stop();
  await orm.close();
  await db.drop();
}
