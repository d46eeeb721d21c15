import type { Job, JobResult } from 'pg-boss';
import type { Logger } from 'pino';
import type { Orm } from '../db/orm.ts';
import { query } from '../db/sql.ts';
import { traceFrom, traceStore } from '../observability/context.ts';
import type { Handler, HandlerContext, ManyHandler } from './bus.ts';
import type { Envelope, EventDef } from './event.ts';
import { busMetrics } from './metrics.ts';

export interface BatchTarget {
  orm: Orm;
  consumer: string;
  queue: string;
  event: EventDef;
  handler: Handler;
  log: Logger;
  publish: (em: HandlerContext['em'], envelope: Envelope) => HandlerContext['publish'];
  publishAll: (em: HandlerContext['em'], envelope: Envelope) => HandlerContext['publishAll'];
}

/**
 * Handles a fetched batch in ONE transaction:
 * - the inbox rows of the whole batch go in with one statement; an event whose id was already
 *   there (a redelivery) is acknowledged without running its handler again;
 * - the handlers first run one after another with nothing between them (or, for a ManyHandler,
 *   as one call over every fresh event of the batch). If one throws, that transaction is rolled
 *   back and the batch runs again with each event in a savepoint of its own: a failing handler
 *   then rolls back to its savepoint and takes its inbox row out, so only that event is retried
 *   and the others still commit. Failures are rare, and the two round trips of a savepoint per
 *   event are paid only when one happens. If even that does not commit (a deadlock), each event
 *   gets a transaction of its own;
 * - the commit is asynchronous (synchronous_commit off): pg-boss then completes the jobs with a
 *   synchronous commit, which flushes this one too. A crash in between loses both, and the
 *   redelivered events run again, as if never handled.
 * One commit per batch instead of per event is what lets one subscriber keep up with thousands
 * of events a second.
 */
export async function handleBatch(t: BatchTarget, jobs: Job<Envelope>[]): Promise<JobResult[]> {
  const results = new Map<string, JobResult>();
  const valid: Job<Envelope>[] = [];
  for (const job of jobs) {
    const problem = job.data?.id ? t.event.check(job.data.payload) : 'not an event envelope';
    if (problem) {
      // Retrying cannot fix a malformed payload: straight to the dead-letter queue for a human.
      t.log.error({ queue: t.queue, eventId: job.data?.id, problem }, 'malformed event');
      results.set(job.id, { id: job.id, status: 'deadletter', output: { message: problem } });
    } else valid.push(job);
  }
  let outcome: Attempt | undefined;
  if (valid.length) {
    try {
      outcome = await attempt(t, valid, false);
    } catch (err) {
      if (valid.length > 1) {
        t.log.warn({ err, queue: t.queue, events: valid.length }, 'a handler of the batch failed; running it again event by event');
        outcome = await attempt(t, valid, true).catch(async (e) => {
          // Not even that committed (a deadlock, a lost connection): one transaction per event, so
          // only the events that fail again are charged a retry.
          t.log.warn({ err: e, queue: t.queue }, 'the batch failed to commit; running each event in its own transaction');
          const each: Attempt = { results: new Map(), afterCommit: [], handled: [] };
          for (const job of valid) {
            const one = await attempt(t, [job], false).catch((x) => failAll(t, [job], x));
            for (const [id, r] of one.results) each.results.set(id, r);
            each.afterCommit.push(...one.afterCommit);
            each.handled.push(...one.handled);
          }
          return each;
        });
      } else outcome = failAll(t, valid, err);
    }
    for (const [id, r] of outcome.results) results.set(id, r);
    for (const fn of outcome.afterCommit) await fn().catch((err) => t.log.warn({ err, queue: t.queue }, 'after-commit step failed'));
    for (const job of outcome.handled) {
      busMetrics.handled.inc({ queue: t.queue, outcome: 'ok' });
      busMetrics.hopSeconds.observe({ queue: t.queue }, (Date.now() - Date.parse(job.data.occurredAt)) / 1000);
    }
  }
  return jobs.map((j) => results.get(j.id)!);
}

interface Attempt {
  results: Map<string, JobResult>;
  afterCommit: (() => Promise<void>)[];
  handled: Job<Envelope>[];
}

/** These events' transaction did not commit: nothing of it happened, each of them is retried. */
function failAll(t: BatchTarget, valid: Job<Envelope>[], err: unknown): Attempt {
  busMetrics.handled.inc({ queue: t.queue, outcome: 'error' }, valid.length);
  t.log.warn({ err, queue: t.queue, eventIds: valid.map((j) => j.data.id) }, 'event handler failed; it will be retried');
  const results = new Map(valid.map((j): [string, JobResult] => [j.id, { id: j.id, status: 'failed', output: { message: (err as Error).message } }]));
  return { results, afterCommit: [], handled: [] };
}

/**
 * One transaction over the batch. Without `isolate` a throwing handler throws the whole attempt
 * (nothing commits); with it, each event runs in a savepoint and a failure is that event's alone.
 */
async function attempt(t: BatchTarget, valid: Job<Envelope>[], isolate: boolean): Promise<Attempt> {
  const results = new Map<string, JobResult>();
  const afterCommit: (() => Promise<void>)[] = [];
  const handled: Job<Envelope>[] = [];
  const timings: number[] = [];
  await t.orm.em.fork().transactional(async (em) => {
    // (the commit mode is set in the same round trip as the inbox insert: each one counts)
    const fresh = new Set((await query<{ event_id: string }>(em,
      `insert into "${t.consumer}".inbox (event_id, queue)
       select distinct unnest($1::uuid[]), $2 from (select set_config('synchronous_commit', 'off', true)) commit_mode
       on conflict do nothing returning event_id`,
      [valid.map((j) => j.data.id), t.queue])).map((r) => r.event_id));
    const many = (t.handler as Partial<ManyHandler>).many;
    if (many && !isolate && valid.length > 1) {
      // One call for every fresh event (under the first one's trace; a publish from it continues
      // that trace); any failure fails the attempt, which runs again event by event.
      const todo = valid.filter((job) => fresh.delete(job.data.id));
      const first = todo[0]?.data;
      const started = performance.now();
      if (first) {
        const log = t.log.child({ queue: t.queue, events: todo.length });
        await traceStore.run({ ...traceFrom(first.traceparent), traceId: first.correlationId }, () =>
          many({ em, log, publish: t.publish(em, first), publishAll: t.publishAll(em, first), afterCommit: (fn) => afterCommit.push(fn) }, todo.map((j) => j.data)));
      }
      for (const job of valid) results.set(job.id, { id: job.id, status: 'completed' });
      handled.push(...todo);
      timings.push(...todo.map(() => (performance.now() - started) / 1000 / todo.length));
      return;
    }
    let ran = 0;
    for (const job of valid) {
      const envelope = job.data;
      if (!fresh.delete(envelope.id)) { // handled before (or earlier in this batch): a redelivery
        results.set(job.id, { id: job.id, status: 'completed' });
        continue;
      }
      // Each handler starts with an empty identity map, as it would in a transaction of its own.
      if (!isolate && ran++ > 0) em.clear();
      const log = t.log.child({ queue: t.queue, eventId: envelope.id, correlationId: envelope.correlationId });
      const started = performance.now();
      const mine: (() => Promise<void>)[] = [];
      try {
        const run = (sp: typeof em) => t.handler({ em: sp, log, publish: t.publish(sp, envelope), publishAll: t.publishAll(sp, envelope), afterCommit: (fn) => mine.push(fn) }, envelope);
        await traceStore.run({ ...traceFrom(envelope.traceparent), traceId: envelope.correlationId }, () =>
          (isolate ? em.transactional(run, { clear: true }) : run(em)));
        afterCommit.push(...mine);
        handled.push(job);
        timings.push((performance.now() - started) / 1000);
        results.set(job.id, { id: job.id, status: 'completed' });
      } catch (err) {
        if (!isolate) throw err;
        await query(em, `delete from "${t.consumer}".inbox where event_id = $1 and queue = $2`, [envelope.id, t.queue]);
        busMetrics.handled.inc({ queue: t.queue, outcome: 'error' });
        log.warn({ err, attempt: job.retryCount }, 'event handler failed; it will be retried');
        results.set(job.id, { id: job.id, status: 'failed', output: { message: (err as Error).message } });
      }
    }
  });
  for (const s of timings) busMetrics.handlerSeconds.observe({ queue: t.queue }, s);
  return { results, afterCommit, handled };
}
