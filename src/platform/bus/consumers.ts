import { Gauge } from 'prom-client';
import type { Orm } from '../db/orm.ts';
import { query } from '../db/sql.ts';

/** A heartbeat older than this many intervals is a process that is gone. */
const LIVE_INTERVALS = 3;

export interface ConsumerWatchInput {
  orm: Orm;
  /** What this process writes to the bus: its modules' events and their own tasks (by queue). */
  published: { event: string; queues: () => string[] }[];
  /** The queues this process works itself. */
  local: () => Iterable<string>;
  heartbeatSeconds: number;
}

/** Event name -> the consumers (queue owners) that no live process works; [] when all are served. */
export type Unconsumed = Record<string, string[]>;

/**
 * The events this process publishes that nobody will handle: for each, the consumer queues that
 * no process (this one, or one whose heartbeat is fresh) works. An event nobody subscribes to
 * has no queue and is not counted: it is not waited for.
 */
export async function findUnconsumed(input: ConsumerWatchInput): Promise<Unconsumed> {
  const rows = await query<{ queue: string }>(
    input.orm.em.fork(),
    `select distinct unnest(queues) as queue from platform.worker_heartbeat
      where seen_at > now() - make_interval(secs => $1)`,
    [input.heartbeatSeconds * LIVE_INTERVALS],
  );
  const live = new Set([...rows.map((r) => r.queue), ...input.local()]);
  const result: Unconsumed = {};
  for (const { event, queues } of input.published)
    result[event] = queues()
      .filter((q) => !live.has(q))
      .map((q) => q.split('/')[0])
      .sort();
  return result;
}

let watched: ConsumerWatchInput | undefined;

/** Points the gauge at this process's published events (the host calls it once at boot). */
export const watchConsumers = (input: ConsumerWatchInput) => {
  watched = input;
};

export const unconsumedGauge = new Gauge({
  name: 'tessera_bus_unconsumed_events',
  help: 'Consumers of an event this process publishes that no running process works (no series: all served)',
  labelNames: ['event'],
  async collect() {
    if (!watched) return;
    const found = await findUnconsumed(watched).catch(() => undefined);
    if (!found) return;
    // Only the events something is missing for: one series per published event would be ~50 zeros.
    this.reset();
    for (const [event, missing] of Object.entries(found)) if (missing.length) this.set({ event }, missing.length);
  },
});

/** The readiness line for /ready: ok, or the events nobody consumes and whose consumers are missing. */
export function describeUnconsumed(found: Unconsumed): string {
  const missing = Object.entries(found).filter(([, consumers]) => consumers.length);
  if (!missing.length) return 'ok';
  return `no running consumer: ${missing.map(([event, consumers]) => `${event} (${consumers.join(', ')})`).join('; ')}`;
}
