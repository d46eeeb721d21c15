import type { Logger } from 'pino';
import type { EntityManager, Orm } from '../db/orm.ts';
import { query } from '../db/sql.ts';
import { traceFrom, traceStore } from '../observability/context.ts';
import type { Handler, HandlerContext, ManyHandler } from './bus.ts';
import type { Envelope, EventDef } from './event.ts';
import { claim, countAttempt, take, type ClaimedJob, type JobTable } from './jobs.ts';
import { busMetrics } from './metrics.ts';
import type { QueueTurns } from './turns.ts';

export interface BatchTarget {
  orm: Orm;
  consumer: string;
  queue: string;
  /** The queue's job table (jobs.ts JobTable). */
  jobs: JobTable;
  event: EventDef;
  handler: Handler;
  log: Logger;
  publish: (em: EntityManager, envelope: Envelope) => HandlerContext['publish'];
  publishAll: (em: EntityManager, envelope: Envelope) => HandlerContext['publishAll'];
  /** pg-boss's fail, in the given transaction: a retry with backoff, or the dead-letter queue. */
  fail: (em: EntityManager, ids: string[], message: string) => Promise<void>;
  /** When given, the batch's transactions take their turn there, and the batch reports what it found (turns.ts). */
  turns?: QueueTurns;
}

/**
 * Claims and handles up to `limit` jobs of the queue in ONE transaction (see jobs.ts), and says
 * whether more runnable jobs are waiting (after a failure: yes, to look again):
 * - the claim takes the jobs off the queue and records their event ids in the consumer's inbox in
 *   one statement; an event whose id was already there (a redelivery) is acknowledged without
 *   running its handler again;
 * - the handlers run one after another with nothing between them (or, for a ManyHandler, as one
 *   call over every fresh event). If one throws, everything is rolled back, the claim included,
 *   and the same jobs are claimed again with each event in a savepoint of its own: a failing
 *   handler then rolls back to its savepoint and only its job is failed (retried later), while
 *   the others commit. Failures are rare, and the savepoints are paid only when one happens. If
 *   even that does not commit (a deadlock), each job gets a transaction of its own.
 * One commit per batch instead of per event is what lets one subscriber keep up with thousands
 * of events a second.
 */
export async function handleBatch(t: BatchTarget, limit: number): Promise<{ more: boolean }> {
  const { turns } = t;
  // (only the transactions take turns: what runs after the commit, a mail handed to its server,
  // must not keep the other queues waiting)
  const outcome = await (turns ? turns.take(() => settle(t, limit)) : settle(t, limit)).catch((err) => {
    turns?.report(0, false); // (the database is away: whether this queue is behind is not known, so it is not)
    throw err;
  });
  if (outcome.waitedMs !== undefined) turns?.report(outcome.waitedMs, outcome.more);
  for (const fn of outcome.afterCommit)
    await fn().catch((err) => t.log.warn({ err, queue: t.queue }, 'after-commit step failed'));
  for (const envelope of outcome.handled) {
    busMetrics.handled.inc({ queue: t.queue, outcome: 'ok' });
    busMetrics.hopSeconds.observe({ queue: t.queue }, (Date.now() - Date.parse(envelope.occurredAt)) / 1000);
  }
  return { more: outcome.more };
}

/** The batch's transaction, or after a failure the transactions that retry it (see handleBatch). */
async function settle(t: BatchTarget, limit: number): Promise<Attempt> {
  let outcome: Attempt;
  try {
    outcome = await attempt(t, { limit }, false);
  } catch (err) {
    if (!(err instanceof Unhandled)) throw err; // the claim itself failed (the database is away)
    const ids = err.jobs.map((j) => j.id);
    if (ids.length === 1) outcome = await recordFailure(t, err);
    else {
      t.log.warn(
        { err: err.cause, queue: t.queue, events: ids.length },
        'a handler of the batch failed; running it again event by event',
      );
      outcome = await attempt(t, { ids }, true).catch(async (e) => {
        // Not even that committed (a deadlock, a lost connection): one transaction per job, so
        // only the jobs that fail again are charged an attempt.
        t.log.warn({ err: e, queue: t.queue }, 'the batch failed to commit; running each event in its own transaction');
        const each: Attempt = { more: true, afterCommit: [], handled: [] };
        for (const id of ids) {
          const one = await attempt(t, { ids: [id] }, false).catch((x) =>
            x instanceof Unhandled ? recordFailure(t, x) : Promise.reject(x),
          );
          each.afterCommit.push(...one.afterCommit);
          each.handled.push(...one.handled);
        }
        return each;
      });
    }
  }
  return outcome;
}

interface Attempt {
  more: boolean;
  /** How long the oldest job claimed had been runnable (0 when none was), for turns.ts; unknown after a failure. */
  waitedMs?: number;
  afterCommit: (() => Promise<void>)[];
  handled: Envelope[];
}

/** A claim that was rolled back: nothing of it happened, its jobs are back on the queue. */
class Unhandled extends Error {
  readonly jobs: ClaimedJob[];
  readonly malformed: Map<string, string>;
  constructor(jobs: ClaimedJob[], malformed: Map<string, string>, cause: unknown) {
    super('the batch was rolled back', { cause });
    this.jobs = jobs;
    this.malformed = malformed;
  }
}

/** What a job's envelope is missing, or undefined when it is a well-formed event of this queue. */
const problemOf = (t: BatchTarget, job: ClaimedJob) =>
  job.data?.id ? t.event.check(job.data.payload) : 'not an event envelope';

/** Charges jobs their attempt and fails them through pg-boss, in `em`'s transaction (see countAttempt). */
async function charge(t: BatchTarget, em: EntityManager, ids: string[], message: string, final = false): Promise<void> {
  const counted = await countAttempt(em, t.queue, ids, final);
  if (counted.length) await t.fail(em, counted, message);
}

/** A malformed event goes straight to the dead-letter queue, for a human: retrying cannot fix it. */
async function deadLetter(t: BatchTarget, em: EntityManager, job: ClaimedJob, problem: string): Promise<void> {
  t.log.error({ queue: t.queue, eventId: job.data?.id, problem }, 'malformed event');
  await charge(t, em, [job.id], problem, true);
}

/** Takes an event's inbox row out again: it was not handled after all. */
const forget = (t: BatchTarget, em: EntityManager, eventId: string) =>
  query(em, `delete from "${t.consumer}".inbox where event_id = $1 and queue = $2`, [eventId, t.queue]);

/**
 * Charges a rolled-back job its attempt (pg-boss's fail: a retry with backoff, or the dead-letter
 * queue once the retries are spent). A malformed event goes to the dead-letter queue at once:
 * retrying cannot fix it.
 */
async function recordFailure(t: BatchTarget, failed: Unhandled): Promise<Attempt> {
  const malformed = failed.jobs.filter((j) => failed.malformed.has(j.id));
  const broken = failed.jobs.filter((j) => !failed.malformed.has(j.id));
  await t.orm.em.fork().transactional(async (em) => {
    for (const job of malformed) await deadLetter(t, em, job, failed.malformed.get(job.id)!);
    if (broken.length) {
      busMetrics.handled.inc({ queue: t.queue, outcome: 'error' }, broken.length);
      t.log.warn(
        { err: failed.cause, queue: t.queue, eventIds: broken.map((j) => j.data.id), attempt: broken[0].retryCount },
        'event handler failed; it will be retried',
      );
      await charge(
        t,
        em,
        broken.map((j) => j.id),
        (failed.cause as Error)?.message ?? String(failed.cause),
      );
    }
  });
  return { more: true, afterCommit: [], handled: [] };
}

/**
 * One transaction over a claim. Without `isolate` the jobs are taken off the queue by the claim
 * and a throwing handler throws the whole attempt (an Unhandled: nothing commits); with it, the
 * jobs are only locked, each event runs in a savepoint, and a failure is that job's alone.
 */
async function attempt(
  t: BatchTarget,
  which: { limit: number } | { ids: string[] },
  isolate: boolean,
): Promise<Attempt> {
  const afterCommit: (() => Promise<void>)[] = [];
  const handled: Envelope[] = [];
  const timings: number[] = [];
  let more = false;
  let waitedMs = 0;
  let claimed: ClaimedJob[] = [];
  const limit = 'limit' in which ? which.limit : which.ids.length;
  await t.orm.em
    .fork()
    .transactional(async (em) => {
      const {
        jobs,
        fresh,
        more: waiting,
      } = await claim(em, t.consumer, t.jobs, { limit, ids: 'ids' in which ? which.ids : undefined, take: !isolate });
      claimed = jobs;
      // Only a full claim may have left runnable jobs behind: a short one took every job no other
      // worker holds (`waiting` also counts those, and looping on them would spin while they run).
      more = waiting && jobs.length === limit;
      if (!jobs.length) return;
      waitedMs = Math.max(...jobs.map((j) => j.waitedMs));
      const malformed = new Map<string, string>();
      for (const job of jobs) {
        const problem = problemOf(t, job);
        if (problem) malformed.set(job.id, problem);
      }
      if (!isolate) {
        if (malformed.size) throw new Unhandled(jobs, malformed, new Error('malformed event'));
        try {
          await runAll(t, em, jobs, fresh, afterCommit, handled, timings);
        } catch (err) {
          throw new Unhandled(jobs, malformed, err);
        }
        return;
      }
      const done: string[] = [];
      for (const job of jobs) {
        const envelope = job.data;
        const problem = malformed.get(job.id);
        if (problem) {
          if (envelope?.id) await forget(t, em, envelope.id);
          await deadLetter(t, em, job, problem);
          continue;
        }
        if (!fresh.delete(envelope.id)) {
          done.push(job.id);
          continue;
        } // handled before: a redelivery
        const log = logFor(t, envelope);
        const started = performance.now();
        const mine: (() => Promise<void>)[] = [];
        try {
          await traceStore.run({ ...traceFrom(envelope.traceparent), traceId: envelope.correlationId }, () =>
            em.transactional((sp) => t.handler(contextFor(t, sp, envelope, log, mine), envelope), { clear: true }),
          );
          afterCommit.push(...mine);
          handled.push(envelope);
          timings.push((performance.now() - started) / 1000);
          done.push(job.id);
        } catch (err) {
          await forget(t, em, envelope.id);
          busMetrics.handled.inc({ queue: t.queue, outcome: 'error' });
          log.warn({ err, attempt: job.retryCount }, 'event handler failed; it will be retried');
          await charge(t, em, [job.id], (err as Error).message);
        }
      }
      await take(em, t.jobs, done);
    })
    .catch((err) => {
      // Whatever failed once jobs were claimed (a handler, the flush, the commit) is charged to them,
      // so a batch that cannot commit is retried with backoff and dead-lettered, not claimed forever.
      if (err instanceof Unhandled || !claimed.length) throw err;
      throw new Unhandled(claimed, new Map(), err);
    });
  for (const s of timings) busMetrics.handlerSeconds.observe({ queue: t.queue }, s);
  return { more, waitedMs, afterCommit, handled };
}

/** The fast path: every fresh event's handler, back to back in the claim's transaction. */
async function runAll(
  t: BatchTarget,
  em: EntityManager,
  jobs: ClaimedJob[],
  fresh: Set<string>,
  afterCommit: (() => Promise<void>)[],
  handled: Envelope[],
  timings: number[],
) {
  const many = (t.handler as Partial<ManyHandler>).many;
  if (many && jobs.length > 1) {
    // One call for every fresh event (under the first one's trace; a publish from it continues
    // that trace).
    const todo = jobs.map((j) => j.data).filter((e) => fresh.delete(e.id));
    const first = todo[0];
    if (!first) return;
    const started = performance.now();
    const log = t.log.child({ queue: t.queue, events: todo.length });
    await traceStore.run({ ...traceFrom(first.traceparent), traceId: first.correlationId }, () =>
      many(contextFor(t, em, first, log, afterCommit), todo),
    );
    handled.push(...todo);
    timings.push(...todo.map(() => (performance.now() - started) / 1000 / todo.length));
    return;
  }
  let ran = 0;
  for (const job of jobs) {
    const envelope = job.data;
    if (!fresh.delete(envelope.id)) continue; // handled before (or earlier in this batch): a redelivery
    // Each handler starts with an empty identity map, as it would in a transaction of its own.
    if (ran++ > 0) em.clear();
    const started = performance.now();
    await traceStore.run({ ...traceFrom(envelope.traceparent), traceId: envelope.correlationId }, () =>
      t.handler(contextFor(t, em, envelope, logFor(t, envelope), afterCommit), envelope),
    );
    handled.push(envelope);
    timings.push((performance.now() - started) / 1000);
  }
}

const logFor = (t: BatchTarget, envelope: Envelope) =>
  t.log.child({ queue: t.queue, eventId: envelope.id, correlationId: envelope.correlationId });

function contextFor(
  t: BatchTarget,
  em: EntityManager,
  envelope: Envelope,
  log: Logger,
  afterCommit: (() => Promise<void>)[],
): HandlerContext {
  return {
    em,
    log,
    publish: t.publish(em, envelope),
    publishAll: t.publishAll(em, envelope),
    afterCommit: (fn) => afterCommit.push(fn),
  };
}
