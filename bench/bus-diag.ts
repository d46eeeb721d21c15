/**
 * Where the event bus spends its time: drains the same backlog through EventBus.consume and through
 * variations of it built directly on pg-boss (bus.boss.work), and times a few ways of publishing.
 * Diagnostic only; bus.ts is the benchmark.
 *
 *   node bench/bus-diag.ts        BENCH_RUNS (default 3), BENCH_DIAG_EVENTS (default 5000)
 */
import { pino } from 'pino';
import { Type } from 'typebox';
import { v7 as uuidv7 } from 'uuid';
import type { Job, JobResult } from 'pg-boss';
import { fromKysely } from 'pg-boss';
import { EventBus, queueName, type Handler } from '../src/platform/bus/bus.ts';
import { defineEvent, type Envelope } from '../src/platform/bus/event.ts';
import { createOrm, type EntityManager, type Orm } from '../src/platform/db/orm.ts';
import { migrateModules } from '../src/platform/db/migrate.ts';
import { createBenchDatabase, machine, printTable, runs, type Row } from './lib.ts';

const CONSUMER = 'bench';
const N = Number(process.env.BENCH_DIAG_EVENTS ?? 5000);
const PUBLISH_N = 2000;
const BenchPinged = defineEvent(
  'bench.pinged.v1',
  Type.Object({ phase: Type.String(), seq: Type.Integer({ minimum: 0 }) }),
  'bench event',
);
const QUEUE = queueName(CONSUMER, BenchPinged.name);
const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' });

type Ping = Envelope<{ phase: string; seq: number }>;
const envelope = (phase: string, seq: number): Ping => ({
  id: uuidv7(),
  name: BenchPinged.name,
  occurredAt: new Date().toISOString(),
  producer: 'bench',
  correlationId: 'c'.repeat(32),
  payload: { phase, seq },
});

async function main() {
  const db = await createBenchDatabase();
  let orm: Orm | undefined;
  let bus: EventBus | undefined;
  try {
    orm = await createOrm(db.url, [], 10);
    await migrateModules(orm, db.url, [{ schema: CONSUMER }]);
    bus = new EventBus({
      url: db.url,
      log,
      notify: true,
      pollSeconds: 2,
      batchSize: 50,
      retryLimit: 5,
      retryDelaySeconds: 1,
      retryDelayMaxSeconds: 300,
    });
    await bus.start();
    await bus.declare(CONSUMER, BenchPinged.name);
    const boss = bus.boss;
    const o = orm;

    // ---- counting handler shared by every variant
    let phase = '';
    let handled = 0;
    let lastAt = 0;
    let done: (() => void) | undefined;
    const count = () => {
      handled++;
      lastAt = performance.now();
      if (handled === N) done?.();
    };
    const handler: Handler = async (_ctx, e: Ping) => {
      if (e.payload.phase === phase) count();
    };
    // The bench handler uses none of its context; this stands in for it (unchecked, so it survives
    // HandlerContext growing).
    const ctxFor = (em: EntityManager) =>
      ({ em, log, publish: undefined, afterCommit: () => {} }) as unknown as Parameters<Handler>[0];

    /** What EventBus.#handleJob does for one job, minus logging and metrics; optionally with an async commit. */
    const handleOne = (job: Job<Ping>, asyncCommit: boolean) =>
      o.em.fork().transactional(async (em: EntityManager) => {
        if (asyncCommit) await em.execute('set local synchronous_commit = off');
        const fresh = await em.execute(
          `insert into "${CONSUMER}".inbox (event_id, queue) values (?, ?) on conflict do nothing returning event_id`,
          [job.data.id, QUEUE],
        );
        if (fresh.length) await handler(ctxFor(em), job.data);
      });
    const perJob = (asyncCommit: boolean) => async (jobs: Job<Ping>[]) => {
      const results: JobResult[] = [];
      for (const job of jobs) {
        await handleOne(job, asyncCommit);
        results.push({ id: job.id, status: 'completed' });
      }
      return results;
    };
    /** One transaction per batch: one multi-row inbox insert, then the handler for each fresh event. */
    const perBatch = async (jobs: Job<Ping>[]) => {
      await o.em.fork().transactional(async (em: EntityManager) => {
        const values = jobs.map(() => '(?, ?)').join(', ');
        const fresh = await em.execute<{ event_id: string }[]>(
          `insert into "${CONSUMER}".inbox (event_id, queue) values ${values} on conflict do nothing returning event_id`,
          jobs.flatMap((j) => [j.data.id, QUEUE]),
        );
        const ids = new Set(fresh.map((r) => r.event_id));
        for (const job of jobs) if (ids.has(job.data.id)) await handler(ctxFor(em), job.data);
      });
      return jobs.map((j): JobResult => ({ id: j.id, status: 'completed' }));
    };
    const nothing = async (jobs: Job<Ping>[]) => {
      for (const j of jobs) if (j.data.payload.phase === phase) count();
      return jobs.map((j): JobResult => ({ id: j.id, status: 'completed' }));
    };

    const base = {
      pollingIntervalSeconds: 2,
      notifyPollingIntervalSeconds: 30,
      burstWhenBatchFull: true,
      perJobResults: true as const,
    };
    const variants: { label: string; start: () => Promise<unknown> }[] = [
      {
        label: 'EventBus.consume as is (batch 50, 1 tx per event)',
        start: () => bus!.consume(o, CONSUMER, BenchPinged, handler),
      },
      {
        label: 'same, replicated on boss.work',
        start: () => boss.work<Ping>(QUEUE, { ...base, batchSize: 50 }, perJob(false)),
      },
      {
        label: '+ SET LOCAL synchronous_commit = off',
        start: () => boss.work<Ping>(QUEUE, { ...base, batchSize: 50 }, perJob(true)),
      },
      { label: '+ batchSize 200', start: () => boss.work<Ping>(QUEUE, { ...base, batchSize: 200 }, perJob(false)) },
      {
        label: '+ localConcurrency 2',
        start: () => boss.work<Ping>(QUEUE, { ...base, batchSize: 50, localConcurrency: 2 }, perJob(false)),
      },
      {
        label: '+ localConcurrency 4',
        start: () => boss.work<Ping>(QUEUE, { ...base, batchSize: 50, localConcurrency: 4 }, perJob(false)),
      },
      {
        label: '1 tx per batch of 50 (multi-row inbox insert)',
        start: () => boss.work<Ping>(QUEUE, { ...base, batchSize: 50 }, perBatch),
      },
      {
        label: 'pg-boss fetch + settle only (no handler tx)',
        start: () => boss.work<Ping>(QUEUE, { ...base, batchSize: 50 }, nothing),
      },
    ];

    console.log(
      `Tessera bus diagnostics: pg-boss 12.35.0, PostgreSQL ${db.serverVersion}, ${machine()}; ${runs} run(s), backlog ${N} per variant`,
    );
    const drainRows: Row[] = variants.map((v) => ({ label: v.label, values: [], digits: 0 }));
    const publishRows: Row[] = [
      { label: 'EventBus.publish, 50 per tx (2 round trips per event)', values: [], digits: 0 },
      { label: 'boss.send(queue, env, { db }), 50 per tx (1 round trip)', values: [], digits: 0 },
      { label: 'boss.insert(queue, 50 jobs, { db }), 1 statement per tx', values: [], digits: 0 },
    ];

    // Warm-up drain (connections, JIT, caches), not recorded.
    phase = 'warm';
    handled = 0;
    await boss.insert(
      QUEUE,
      Array.from({ length: N }, (_, k) => ({ data: envelope(phase, k) })),
    );
    await new Promise<void>((r) => {
      done = r;
      void variants[0].start();
    });
    await boss.offWork(QUEUE, { wait: true });
    await boss.deleteAllJobs(QUEUE);

    for (let run = 1; run <= runs; run++) {
      for (const [i, v] of variants.entries()) {
        phase = `diag-${run}-${i}`;
        handled = 0;
        // The backlog goes in fast and in bulk: this measures draining, not publishing.
        for (let s = 0; s < N; s += 500) {
          await boss.insert(
            QUEUE,
            Array.from({ length: Math.min(500, N - s) }, (_, k) => ({ data: envelope(phase, s + k) })),
          );
        }
        const finished = new Promise<void>((r) => {
          done = r;
        });
        const t0 = performance.now();
        await v.start();
        await finished;
        drainRows[i].values.push(N / ((lastAt - t0) / 1000));
        await boss.offWork(QUEUE, { wait: true });
        await boss.deleteAllJobs(QUEUE); // every variant starts from the same, empty job table
      }

      const tx = (fn: (em: EntityManager) => Promise<unknown>) => o.em.fork().transactional(fn);
      const timed = async (fn: () => Promise<void>) => {
        const t = performance.now();
        await fn();
        return PUBLISH_N / ((performance.now() - t) / 1000);
      };
      phase = `pub-${run}`; // nobody consumes these; they are deleted below
      publishRows[0].values.push(
        await timed(async () => {
          for (let s = 0; s < PUBLISH_N; s += 50)
            await tx(async (em) => {
              for (let k = s; k < s + 50; k++)
                await bus!.publish(em, BenchPinged, { phase, seq: k }, { producer: 'bench' });
            });
        }),
      );
      publishRows[1].values.push(
        await timed(async () => {
          for (let s = 0; s < PUBLISH_N; s += 50)
            await tx(async (em) => {
              for (let k = s; k < s + 50; k++)
                await boss.send(QUEUE, envelope(phase, k), { db: fromKysely(em.getKysely()) });
            });
        }),
      );
      publishRows[2].values.push(
        await timed(async () => {
          for (let s = 0; s < PUBLISH_N; s += 50)
            await tx(async (em) => {
              await boss.insert(
                QUEUE,
                Array.from({ length: 50 }, (_, k) => ({ data: envelope(phase, s + k) })),
                { db: fromKysely(em.getKysely()) },
              );
            });
        }),
      );
      await boss.deleteAllJobs(QUEUE);
      console.log(`  run ${run}/${runs} done`);
    }
    printTable(`Draining ${N} queued events through one subscriber (events/s, higher is better)`, drainRows);
    printTable(`Publishing ${PUBLISH_N} events from one connection (events/s)`, publishRows);
  } finally {
    await bus?.stop().catch(() => {});
    await orm?.close().catch(() => {});
    await db.drop();
  }
}

await main();
