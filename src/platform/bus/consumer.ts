import type { Job, JobResult } from 'pg-boss';
import type { Logger } from 'pino';
import type { Orm } from '../db/orm.ts';
import { query } from '../db/sql.ts';
import { traceFrom, traceStore } from '../observability/context.ts';
import type { Handler, HandlerContext } from './bus.ts';
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
 * Handles a fetched batch in ONE transaction, each event inside a savepoint of its own:
 * - the inbox rows of the whole batch go in with one statement; an event whose id was already
 *   there (a redelivery) is acknowledged without running its handler again;
 * - a failing handler rolls back to its savepoint and takes its inbox row out, so only that event
 *   is retried, the others of the batch still commit;
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
  const afterCommit: (() => Promise<void>)[] = [];
  const handled: Job<Envelope>[] = [];
  if (valid.length) {
    try {
      await t.orm.em.fork().transactional(async (em) => {
        // (the commit mode is set in the same round trip as the inbox insert: each one counts)
        const fresh = new Set((await query<{ event_id: string }>(em,
          `insert into "${t.consumer}".inbox (event_id, queue)
           select distinct unnest($1::uuid[]), $2 from (select set_config('synchronous_commit', 'off', true)) commit_mode
           on conflict do nothing returning event_id`,
          [valid.map((j) => j.data.id), t.queue])).map((r) => r.event_id));
        // A lone event needs no savepoint: if it fails, the whole transaction (its inbox row too) is undone.
        const alone = valid.length === 1;
        for (const job of valid) {
          const envelope = job.data;
          if (!fresh.delete(envelope.id)) { // handled before (or earlier in this batch): a redelivery
            results.set(job.id, { id: job.id, status: 'completed' });
            continue;
          }
          const log = t.log.child({ queue: t.queue, eventId: envelope.id, correlationId: envelope.correlationId });
          const started = performance.now();
          const mine: (() => Promise<void>)[] = [];
          try {
            const run = (sp: typeof em) => t.handler({ em: sp, log, publish: t.publish(sp, envelope), publishAll: t.publishAll(sp, envelope), afterCommit: (fn) => mine.push(fn) }, envelope);
            await traceStore.run({ ...traceFrom(envelope.traceparent), traceId: envelope.correlationId }, () =>
              (alone ? run(em) : em.transactional(run, { clear: true })));
            afterCommit.push(...mine);
            handled.push(job);
            busMetrics.handlerSeconds.observe({ queue: t.queue }, (performance.now() - started) / 1000);
            results.set(job.id, { id: job.id, status: 'completed' });
          } catch (err) {
            if (alone) throw err;
            await query(em, `delete from "${t.consumer}".inbox where event_id = $1 and queue = $2`, [envelope.id, t.queue]);
            busMetrics.handled.inc({ queue: t.queue, outcome: 'error' });
            log.warn({ err, attempt: job.retryCount }, 'event handler failed; it will be retried');
            results.set(job.id, { id: job.id, status: 'failed', output: { message: (err as Error).message } });
          }
        }
      });
    } catch (err) {
      // The batch did not commit: nothing of it happened, every event is retried.
      if (valid.length === 1) busMetrics.handled.inc({ queue: t.queue, outcome: 'error' });
      t.log.warn({ err, queue: t.queue, eventId: valid.length === 1 ? valid[0].data.id : undefined },
        valid.length === 1 ? 'event handler failed; it will be retried' : 'event batch failed to commit; it will be retried');
      for (const job of valid) results.set(job.id, { id: job.id, status: 'failed', output: { message: (err as Error).message } });
      return jobs.map((j) => results.get(j.id)!);
    }
  }
  for (const fn of afterCommit) await fn().catch((err) => t.log.warn({ err, queue: t.queue }, 'after-commit step failed'));
  for (const job of handled) {
    busMetrics.handled.inc({ queue: t.queue, outcome: 'ok' });
    busMetrics.hopSeconds.observe({ queue: t.queue }, (Date.now() - Date.parse(job.data.occurredAt)) / 1000);
  }
  return jobs.map((j) => results.get(j.id)!);
}
