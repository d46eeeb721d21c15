import type { PgBoss, Queue, QueueResult } from 'pg-boss';

/** A queue as the bus wants it (pg-boss's queue options, name included). */
export type QueueSpec = Queue & { name: string };

/** The options the bus sets on a queue; the others are pg-boss's defaults. */
const compared = [
  'retryLimit',
  'retryDelay',
  'retryBackoff',
  'retryDelayMax',
  'expireInSeconds',
  'deleteAfterSeconds',
  'retentionSeconds',
  'notify',
  'deadLetter',
] as const;

const differs = (have: QueueResult, want: QueueSpec) =>
  compared.some((k) => want[k] !== undefined && (have[k] ?? undefined) !== want[k]);

/**
 * Makes the queues exist as specified: reads every queue once, then creates the missing ones and
 * updates the changed ones, in parallel (dead-letter queues first: a queue names its own). On a
 * database that already has them all, that is one statement.
 */
export async function ensureQueues(boss: PgBoss, specs: QueueSpec[]): Promise<string[]> {
  const existing = new Map((await boss.getQueues()).map((q) => [q.name, q]));
  const apply = (spec: QueueSpec) => {
    const have = existing.get(spec.name);
    if (!have) return boss.createQueue(spec.name, spec);
    if (!differs(have, spec)) return;
    const { name, policy: _policy, partition: _partition, heartbeatSeconds: _hb, ...options } = spec;
    return boss.updateQueue(name, options);
  };
  const isDead = (s: QueueSpec) => specs.some((o) => o.deadLetter === s.name);
  await Promise.all(specs.filter(isDead).map(apply));
  await Promise.all(specs.filter((s) => !isDead(s)).map(apply));
  return [...existing.keys()];
}

/**
 * The event a queue subscribes to, from its name `<consumer>/<event>` (the bus names every queue
 * so); undefined for a dead-letter or task queue.
 */
export function subscribedEvent(queue: string): string | undefined {
  const [consumer, event, ...rest] = queue.split('/');
  if (rest.length || !event || consumer === 'dead' || event.startsWith('task.')) return undefined;
  return event;
}

/** notify: whether an insert wakes the queue's workers at once (pg_notify) or waits for their poll. */
export function queueOptions(
  o: { retryLimit: number; retryDelaySeconds: number; retryDelayMaxSeconds: number; expireSeconds?: number },
  notify: boolean,
): Omit<QueueSpec, 'name'> {
  return {
    retryLimit: o.retryLimit,
    retryDelay: o.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: o.retryDelayMaxSeconds,
    expireInSeconds: o.expireSeconds ?? 60,
    deleteAfterSeconds: 60 * 60, // (handled jobs stay an hour for inspection; the inbox is the lasting record)
    notify,
  };
}

/** Whether any consumer queue (not a dead-letter queue) holds a job whose time has come. */
export async function hasRunnableJobs(boss: PgBoss): Promise<boolean> {
  const queues = (await boss.getQueues()).filter((q) => !q.name.startsWith('dead/'));
  const now = Date.now();
  for (const q of queues) {
    const jobs = await boss.findJobs(q.name, { queued: true });
    if (jobs.some((j) => j.startAfter.getTime() <= now)) return true;
  }
  return false;
}
