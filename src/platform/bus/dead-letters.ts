import type { JobWithMetadata, PgBoss } from 'pg-boss';
import { eventsIn, type JobData } from './event.ts';

export interface DeadEvent {
  id: string;
  queue: string;
  deadLetterQueue: string;
  event: string;
  eventId: string;
  correlationId: string;
  error: string | null;
  attempts: number;
  failedAt: string;
  payload: unknown;
}

const DEAD_PREFIX = 'dead/';

const deadQueues = async (boss: PgBoss) =>
  (await boss.getQueues()).filter((q) => q.name.startsWith(DEAD_PREFIX)).map((q) => q.name);

/** A dead job; one of several events written together shows the first one's id and every payload. */
const toDeadEvent = (queue: string, j: JobWithMetadata<JobData>): DeadEvent => {
  const events = eventsIn(j.data);
  return {
    id: j.id,
    queue: j.sourceName ?? queue.slice(DEAD_PREFIX.length),
    deadLetterQueue: queue,
    event: events[0]?.name ?? 'unknown',
    eventId: events[0]?.id ?? '',
    correlationId: events[0]?.correlationId ?? '',
    error: (j.sourceOutput as { message?: string } | null)?.message ?? null,
    attempts: (j.sourceRetryCount ?? 0) + 1,
    failedAt: j.createdOn.toISOString(),
    payload: events.length > 1 ? events.map((e) => e.payload) : (events[0]?.payload ?? null),
  };
};

/** Dead events across every dead-letter queue, newest first (pg-boss's counts are cached, so every queue is read). */
export async function listDead(boss: PgBoss, limit: number): Promise<DeadEvent[]> {
  const perQueue = await Promise.all(
    (await deadQueues(boss)).map(async (q) =>
      (await boss.findJobs<JobData>(q, { queued: true })).map((j) => toDeadEvent(q, j)),
    ),
  );
  return perQueue
    .flat()
    .sort((a, b) => b.failedAt.localeCompare(a.failedAt))
    .slice(0, limit);
}

/** The dead event with this job id, if any. */
export async function findDead(boss: PgBoss, id: string): Promise<DeadEvent | undefined> {
  const found = await Promise.all(
    (await deadQueues(boss)).map(async (q) =>
      (await boss.findJobs<JobData>(q, { id, queued: true })).map((j) => toDeadEvent(q, j)),
    ),
  );
  return found.flat()[0];
}

/** Moves one dead event back to the queue it failed on; false when there is no such dead event. */
export async function replayDead(boss: PgBoss, id: string): Promise<boolean> {
  const dead = await findDead(boss, id);
  if (!dead) return false;
  return (await boss.redrive(dead.deadLetterQueue, { ids: [id] })) > 0;
}

/** Drops one dead event for good (staff decided it needs no handling); false when there is no such dead event. */
export async function discardDead(boss: PgBoss, id: string): Promise<boolean> {
  const dead = await findDead(boss, id);
  if (!dead) return false;
  await boss.deleteJob(dead.deadLetterQueue, id);
  return true;
}
