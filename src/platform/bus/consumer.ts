import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Job, JobResult } from 'pg-boss';
import type { EntityManager, Orm } from '../db/orm.ts';
import { noConnection, query } from '../db/index.ts';
import { traceFrom, traceStore } from '../observability/context.ts';
import { activeTraceparent, inEventSpan } from '../observability/tracing.ts';
import { eventsIn, type Envelope, type EventDef, type JobData } from './event.ts';
import type { Handler, HandlerContext, ManyHandler } from './handler.ts';
import { busMetrics } from './metrics.ts';

/** The publishing half of the bus, as a handler's context needs it (the bus passes itself). */
export interface Publishing {
  publish(em: EntityManager, event: EventDef, payload: never, meta: Meta): Promise<Envelope>;
  publishAll(em: EntityManager, event: EventDef, payloads: never[], meta: Meta): Promise<Envelope[]>;
}
type Meta = { producer: string; correlationId?: string };

export interface ConsumerTarget {
  orm: Orm;
  consumer: string;
  queue: string;
  event: EventDef;
  handler: Handler;
  log: Logger;
  commitEach: boolean;
  bus: Publishing;
}

/** One event of a fetched job (a job carries one, or the several of a `together` write). */
interface Item {
  job: Job<JobData>;
  envelope: Envelope;
}

/** What one transaction over some events did; nothing of it counts until it has committed. */
interface Outcome {
  afterCommit: (() => Promise<void>)[];
  handled: Envelope[];
  timings: number[];
  /** The events whose savepoint rolled back (isolated runs only). */
  failures: Failure[];
}
type Failure = { item: Item; err: unknown };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Handles a batch pg-boss fetched and says how each job ended (pg-boss settles them: completed,
 * failed and retried with backoff, or dead-lettered):
 * - a malformed job goes to the dead-letter queue at once: no retry can mend it;
 * - the others' events run in ONE transaction (or one each, with commitEach) that first records
 *   their ids in the consumer's inbox: an id already there (a redelivery, e.g. after a crash between
 *   the handler's commit and pg-boss's completion) is not run again;
 * - if that throws, the batch runs again in one transaction with each event in a savepoint, so
 *   only the failing events are failed; if even that cannot commit, each event gets its own;
 * - a job fails if any of its events failed (its others, committed, are skipped when it is retried).
 */
export async function handleJobs(t: ConsumerTarget, jobs: Job<JobData>[]): Promise<JobResult[]> {
  const results: JobResult[] = [];
  const items: Item[] = [];
  for (const job of jobs) {
    const envelopes = eventsIn(job.data);
    const problem = envelopes.length
      ? envelopes
          .map((e) => (uuid.test(e?.id ?? '') ? t.event.check(e.payload) : 'not an event envelope'))
          .find(Boolean)
      : 'not an event envelope';
    if (!problem) items.push(...envelopes.map((envelope) => ({ job, envelope })));
    else {
      t.log.error({ queue: t.queue, eventId: envelopes[0]?.id, problem }, 'malformed event');
      busMetrics.handled.inc({ queue: t.queue, outcome: 'error' });
      results.push({ id: job.id, status: 'deadletter', output: { message: problem } });
    }
  }
  const groups = t.commitEach ? items.map((i) => [i]) : items.length ? [items] : [];
  const failedJobs = new Map<string, unknown>();
  for (const group of groups)
    for (const { item, err } of await handleGroup(t, group)) {
      failed(t, item, err);
      if (!failedJobs.has(item.job.id)) failedJobs.set(item.job.id, err);
    }
  for (const job of new Set(items.map((i) => i.job))) {
    const err = failedJobs.get(job.id);
    results.push(
      failedJobs.has(job.id)
        ? { id: job.id, status: 'failed', output: { message: (err as Error)?.message ?? String(err) } }
        : { id: job.id, status: 'completed' },
    );
  }
  return results;
}

/** Runs the events of a group; returns those that failed (none: all committed). */
async function handleGroup(t: ConsumerTarget, items: Item[]): Promise<Failure[]> {
  try {
    await finish(t, await together(t, items));
    return [];
  } catch (err) {
    // (no connection came: splitting the batch would only wait for one again per event)
    if (items.length === 1 || noConnection(err)) return items.map((item) => ({ item, err }));
    t.log.warn(
      { err, queue: t.queue, events: items.length },
      'a handler of the batch failed; running it event by event',
    );
  }
  try {
    const outcome = await isolated(t, items);
    await finish(t, outcome);
    return outcome.failures;
  } catch (err) {
    // Not even that committed (a deadlock, a lost connection): one transaction per event.
    t.log.warn({ err, queue: t.queue }, 'the batch failed to commit; running each event in its own transaction');
  }
  const failures: Failure[] = [];
  for (const item of items) {
    try {
      await finish(t, await together(t, [item]));
    } catch (err) {
      failures.push({ item, err });
    }
  }
  return failures;
}

/** After the commit: the after-commit steps, the metrics. */
async function finish(t: ConsumerTarget, outcome: Outcome): Promise<void> {
  for (const fn of outcome.afterCommit)
    await fn().catch((err) => t.log.warn({ err, queue: t.queue }, 'after-commit step failed'));
  for (const envelope of outcome.handled) {
    busMetrics.handled.inc({ queue: t.queue, outcome: 'ok' });
    busMetrics.hopSeconds.observe({ queue: t.queue }, (Date.now() - Date.parse(envelope.occurredAt)) / 1000);
  }
  for (const s of outcome.timings) busMetrics.handlerSeconds.observe({ queue: t.queue }, s);
}

function failed(t: ConsumerTarget, item: Item, err: unknown): void {
  busMetrics.handled.inc({ queue: t.queue, outcome: 'error' });
  logFor(t, item.envelope).warn({ err, attempt: item.job.retryCount }, 'event handler failed; it will be retried');
}

/**
 * Records the ids in the consumer's inbox; returns those it had not seen (the ones to handle). The
 * statement carries no parameters (the ids were checked as UUIDs, the queue is quoted), so the
 * pool sends it with the transaction's BEGIN in one round trip (db/prepared.ts).
 */
async function admit(t: ConsumerTarget, em: EntityManager, ids: string[]): Promise<Set<string>> {
  if (!ids.every((id) => uuid.test(id))) throw new Error('inbox ids must be UUIDs');
  const rows = await query<{ event_id: string }>(
    em,
    `insert into ${pg.escapeIdentifier(t.consumer)}.inbox (event_id, queue) select unnest('{${ids.join(',')}}'::uuid[]), ` +
      `${pg.escapeLiteral(t.queue)} on conflict do nothing returning event_id`,
  );
  return new Set(rows.map((r) => r.event_id));
}

const emptyOutcome = (): Outcome => ({ afterCommit: [], handled: [], timings: [], failures: [] });

/**
 * Every event's handler back to back in one transaction (a ManyHandler: one call for all). The
 * transaction is MikroORM's own fork of the root entity manager: forking first, as a request does,
 * would cost a second fork per batch and a merge of the batch's entities back into the first.
 */
async function together(t: ConsumerTarget, items: Item[]): Promise<Outcome> {
  const outcome = emptyOutcome();
  await t.orm.em.transactional(async (em) => {
    const fresh = await admit(
      t,
      em,
      items.map((i) => i.envelope.id),
    );
    // (the same event twice in one batch runs once)
    const todo = items.map((i) => i.envelope).filter((e) => fresh.delete(e.id.toLowerCase()));
    const many = (t.handler as Partial<ManyHandler>).many;
    if (many && todo.length > 1) {
      const started = performance.now();
      const log = () => t.log.child({ queue: t.queue, events: todo.length });
      await traced(t, todo[0], () => many(contextFor(t, em, todo[0], log, outcome.afterCommit), todo));
      outcome.timings.push(...todo.map(() => (performance.now() - started) / 1000 / todo.length));
    } else {
      for (const [i, envelope] of todo.entries()) {
        if (i > 0) em.clear(); // each handler starts with an empty identity map, as in a transaction of its own
        const started = performance.now();
        await traced(t, envelope, () =>
          t.handler(
            contextFor(t, em, envelope, () => logFor(t, envelope), outcome.afterCommit),
            envelope,
          ),
        );
        outcome.timings.push((performance.now() - started) / 1000);
      }
    }
    outcome.handled.push(...todo);
  });
  return outcome;
}

/** One transaction, each event in a savepoint of its own: a failure is that event's alone. */
async function isolated(t: ConsumerTarget, items: Item[]): Promise<Outcome> {
  const outcome = emptyOutcome();
  await t.orm.em.transactional(async (em) => {
    for (const item of items) {
      const { envelope } = item;
      const mine: (() => Promise<void>)[] = [];
      const started = performance.now();
      try {
        const ran = await em.transactional(
          async (sp) => {
            if (!(await admit(t, sp, [envelope.id])).size) return false; // handled before: a redelivery
            await traced(t, envelope, () =>
              t.handler(
                contextFor(t, sp, envelope, () => logFor(t, envelope), mine),
                envelope,
              ),
            );
            return true;
          },
          { clear: true },
        );
        if (ran) {
          outcome.afterCommit.push(...mine);
          outcome.handled.push(envelope);
          outcome.timings.push((performance.now() - started) / 1000);
        }
      } catch (err) {
        outcome.failures.push({ item, err });
      }
    }
  });
  return outcome;
}

/** Runs a handler in the event's trace: a span that continues the publisher's, and the log's trace id. */
const traced = <T>(t: ConsumerTarget, envelope: Envelope, fn: () => Promise<T>) =>
  inEventSpan(
    `${t.queue} process`,
    envelope.traceparent,
    { 'messaging.system': 'pg-boss', 'messaging.destination.name': t.queue, 'messaging.message.id': envelope.id },
    () =>
      traceStore.run(
        activeTraceparent() ?? { ...traceFrom(envelope.traceparent), traceId: envelope.correlationId },
        fn,
      ),
  );

const logFor = (t: ConsumerTarget, envelope: Envelope) =>
  t.log.child({ queue: t.queue, eventId: envelope?.id, correlationId: envelope?.correlationId });

function contextFor(
  t: ConsumerTarget,
  em: EntityManager,
  envelope: Envelope,
  log: () => Logger,
  afterCommit: (() => Promise<void>)[],
): HandlerContext {
  const meta = { producer: t.consumer, correlationId: envelope.correlationId };
  let logger: Logger | undefined;
  return {
    em,
    // (a child logger per event costs its bindings' serialisation; most handlers never log)
    get log() {
      return (logger ??= log());
    },
    publish: ((event: EventDef, payload: never) =>
      t.bus.publish(em, event, payload, meta)) as HandlerContext['publish'],
    publishAll: ((event: EventDef, payloads: never[]) =>
      t.bus.publishAll(em, event, payloads, meta)) as HandlerContext['publishAll'],
    // (an after-commit step runs later, outside the handler: it keeps the handler's trace)
    afterCommit: (fn) => {
      const inTrace = AsyncLocalStorage.snapshot();
      afterCommit.push(() => inTrace(fn));
    },
  };
}
