import { Counter, Gauge, Histogram } from 'prom-client';
import type { PgBoss, QueueResult } from 'pg-boss';

/** Where the queue gauges read from when scraped: pg-boss's queue list (its cached counts, one statement). */
let readQueues: (() => Promise<QueueResult[]>) | undefined;
/** When the oldest job ready to run in a queue became ready (undefined: none ready). */
let readOldest: ((queue: string) => Promise<Date | undefined>) | undefined;

/** Points the queue gauges at a started bus. */
export const watchQueues = (boss: Pick<PgBoss, 'getQueues' | 'findJobs'>) => {
  readQueues = () => boss.getQueues();
  readOldest = async (queue) => {
    const now = Date.now();
    const ready = (await boss.findJobs(queue, { queued: true }))
      .map((j) => j.startAfter.getTime())
      .filter((t) => t <= now);
    return ready.length ? new Date(Math.min(...ready)) : undefined;
  };
};

async function collectQueues(set: (q: QueueResult) => void): Promise<void> {
  if (!readQueues) return;
  const queues = await readQueues().catch(() => []);
  for (const q of queues) set(q);
}

export const busMetrics = {
  published: new Counter({
    name: 'tessera_events_published_total',
    help: 'Events written to the bus',
    labelNames: ['event'],
  }),
  handled: new Counter({
    name: 'tessera_events_handled_total',
    help: 'Events handled, by outcome',
    labelNames: ['queue', 'outcome'],
  }),
  hopSeconds: new Histogram({
    name: 'tessera_event_hop_seconds',
    help: 'Time from publish to handled',
    labelNames: ['queue'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5, 30],
  }),
  handlerSeconds: new Histogram({
    name: 'tessera_event_handler_seconds',
    help: 'Handler run time',
    labelNames: ['queue'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
  }),
  queueReady: new Gauge({
    name: 'tessera_bus_queue_ready',
    help: "Jobs ready to run per queue (pg-boss's cached count, refreshed about once a minute)",
    labelNames: ['queue'],
    async collect() {
      await collectQueues((q) => {
        if (!q.name.startsWith('dead/')) this.set({ queue: q.name }, q.readyCount);
      });
    },
  }),
  oldestReadySeconds: new Gauge({
    name: 'tessera_bus_oldest_ready_seconds',
    help: 'Age of the oldest job ready to run per queue: how far its consumer lags (0 when none waits)',
    labelNames: ['queue'],
    async collect() {
      // (jobs are listed only for queues whose cached count says something waits: one query each)
      const waiting: string[] = [];
      await collectQueues((q) => {
        if (q.name.startsWith('dead/')) return;
        if (q.readyCount > 0) waiting.push(q.name);
        else this.set({ queue: q.name }, 0);
      });
      const now = Date.now();
      for (const queue of waiting) {
        const since = await readOldest?.(queue).catch(() => undefined);
        this.set({ queue }, since ? Math.max(0, (now - since.getTime()) / 1000) : 0);
      }
    },
  }),
  deadLetters: new Gauge({
    name: 'tessera_bus_dead_letters',
    help: "Events waiting in a dead-letter queue (pg-boss's cached count)",
    labelNames: ['queue'],
    async collect() {
      await collectQueues((q) => {
        if (q.name.startsWith('dead/')) this.set({ queue: q.name.slice('dead/'.length) }, q.queuedCount);
      });
    },
  }),
};
