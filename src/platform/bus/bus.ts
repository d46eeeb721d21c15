import { PgBoss, fromKysely } from 'pg-boss';
import { notifyChannelSql } from 'pg-boss/dist/plans.js';
import type { Logger } from 'pino';
import { v5 as uuidv5 } from 'uuid';
import { uuidv7 } from '../ids.ts';
import type { EntityManager, Orm } from '../db/orm.ts';
import { currentTrace, traceFrom } from '../observability/context.ts';
import { handleBatch } from './consumer.ts';
import { InvalidEventPayload, type Envelope, type EventDef, type PayloadOf } from './event.ts';
import { busMetrics } from './metrics.ts';
import { dropSql, jobTable, publishJobs, runnable, type JobTable } from './jobs.ts';
import { query } from '../db/sql.ts';
import { QueueWorker } from './worker.ts';
import { Turns } from './turns.ts';
import type { Foreground } from '../host/foreground.ts';

export interface BusOptions {
  url: string;
  notify: boolean;
  pollSeconds: number;
  /** pg-boss's own pool (failures, maintenance, the dead-letter views); default 8. */
  poolMax?: number;
  batchSize: number;
  /** How often a background queue (see ConsumeOptions.background) is polled; default 0.5 s, pg-boss's least. */
  backgroundPollSeconds?: number;
  /** The requests in hand (host/foreground.ts): when given, the workers yield to them while the bus is behind (turns.ts). */
  foreground?: Foreground;
  /** turns.ts: how long a queue's job may have been runnable before the bus counts as behind; default 200 ms. */
  behindMs?: number;
  /** turns.ts: how many batches run at once while behind with requests in hand; default 1. */
  whileBehind?: number;
  retryLimit: number;
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  log: Logger;
}

/** What a handler gets: its transaction, the event, and a publish that continues the same trace. */
export interface HandlerContext {
  em: EntityManager;
  log: Logger;
  publish<E extends EventDef>(event: E, payload: PayloadOf<E>): Promise<Envelope<PayloadOf<E>>>;
  /** Several events of one kind in one write (see EventBus.publishAll). */
  publishAll<E extends EventDef>(event: E, payloads: PayloadOf<E>[]): Promise<Envelope<PayloadOf<E>>[]>;
  /** Runs once the handler's transaction has committed (cache invalidation, pushes to a search index). */
  afterCommit(fn: () => Promise<void>): void;
}

export type Handler<P = any> = (ctx: HandlerContext, event: Envelope<P>) => Promise<void>;

/**
 * A handler that can also take a whole batch at once (a projection: one statement for many
 * events instead of one each). It must give the same result as taking the events one by one, in
 * order; a batch it fails on is run again event by event.
 */
export interface ManyHandler<P = any> extends Handler<P> {
  many: (ctx: HandlerContext, events: Envelope<P>[]) => Promise<void>;
}

/** Makes a ManyHandler from its batch form (one event is a batch of one). */
export const handleMany = <P>(many: ManyHandler<P>['many']): ManyHandler<P> =>
  Object.assign((ctx: HandlerContext, event: Envelope<P>) => many(ctx, [event]), { many });

/** How a queue is worked (a module's Subscription carries these). */
export interface ConsumeOptions {
  /**
   * Commit after every event instead of once per fetched batch. For handlers that lock rows other
   * events of the batch also lock in another order (shared aggregates): a batch would hold all of
   * those locks until its commit and deadlock with a concurrent batch.
   */
  commitEach?: boolean;
  /**
   * Off the shopper's path (a projection fed by every sale, a mail): the queue is not woken per
   * event but polled every `backgroundPollSeconds`, and whatever piled up is handled as one batch.
   * A sale's six stock events then cost a share of one transaction instead of six deliveries, and
   * they no longer take turns with the checkout's own steps. The price is up to that poll in lag.
   */
  background?: boolean;
}

/** One queue per (consumer module, event): its own copy, retries and dead-letter queue. */
export const queueName = (consumer: string, event: string) => `${consumer}/${event}`;
/** A module's own delayed work (a timeout, a sale that starts) runs on a queue of its own. */
export const taskQueueName = (task: EventDef) => `${task.name.split('.')[0]}/task.${task.name}`;
export const deadLetterName = (queue: string) => `dead/${queue}`;

const TASK_KEY_NAMESPACE = '8f2b6c1e-3d4a-4e5f-9a7b-2c1d0e9f8a7b';

/**
 * The event bus over pg-boss. The pg-boss job table is the outbox: `publish` writes one job per
 * subscribed queue through the caller's transaction, so the event commits or rolls back with the
 * state change that caused it.
 */
export class EventBus {
  readonly boss: PgBoss;
  #opts: BusOptions;
  #started = false;
  #workers = new Map<string, QueueWorker>();
  #tables = new Map<string, Promise<JobTable>>();
  #listening: { close(): Promise<void> } | undefined;
  readonly #turns: Turns | undefined;

  constructor(opts: BusOptions) {
    this.#opts = opts;
    if (opts.foreground)
      this.#turns = new Turns({
        foreground: opts.foreground,
        behindMs: opts.behindMs ?? 200,
        whileBehind: opts.whileBehind ?? 1,
      });
    this.boss = new PgBoss({
      connectionString: opts.url,
      // The consumers below listen themselves (pg-boss's listener wakes only its own workers);
      // a queue created with notify still has pg-boss send the notification with each job.
      useListenNotify: false,
      max: opts.poolMax ?? 8,
      maintenanceIntervalSeconds: 120,
      application_name: 'tessera-bus',
    });
    this.boss.on('error', (err) => opts.log.error({ err }, 'bus error'));
  }

  async start(): Promise<void> {
    await this.boss.start();
    this.#started = true;
    if (this.#opts.notify) {
      // pg-boss's own listener: reconnects with backoff and a heartbeat; after a reconnect every
      // worker looks, for the notifications missed meanwhile.
      const db = this.boss.getDb() as unknown as Listening;
      const { rows } = await db.executeSql(`select ${notifyChannelSql('pgboss')} as channel`);
      this.#listening = await db.listen(
        rows[0].channel,
        (queue) => this.#workers.get(queue)?.notify(),
        () => {
          for (const w of this.#workers.values()) w.notify();
        },
      );
    }
  }

  /** Writes the event inside the caller's transaction; throws if there is none. */
  async publish<E extends EventDef>(
    em: EntityManager,
    event: E,
    payload: PayloadOf<E>,
    meta: { producer: string; correlationId?: string },
  ): Promise<Envelope<PayloadOf<E>>> {
    return (await this.publishAll(em, event, [payload], meta))[0];
  }

  /**
   * Writes several events of one kind inside the caller's transaction: one statement for every
   * subscribed queue and every event (a reservation of many variants changes the stock of each;
   * every event is still its own fact, with its own id, delivered on its own).
   */
  async publishAll<E extends EventDef>(
    em: EntityManager,
    event: E,
    payloads: PayloadOf<E>[],
    meta: { producer: string; correlationId?: string },
  ): Promise<Envelope<PayloadOf<E>>[]> {
    const envelopes = payloads.map((payload) => this.#envelope(em, event, payload, meta.producer, meta.correlationId));
    if (!envelopes.length) return envelopes;
    // One statement for every subscribed queue, through the caller's transaction (jobs.ts).
    await publishJobs(em, event.name, envelopes);
    busMetrics.published.inc({ event: event.name }, envelopes.length);
    return envelopes;
  }

  /** Whether the workers are behind, and so take turns while requests are in hand (turns.ts). */
  get behind(): boolean {
    return this.#turns?.behind ?? false;
  }

  /** Creates the consumer's queue and dead-letter queue (idempotent) and subscribes it to the event. */
  async declare(consumer: string, event: string, opts: { background?: boolean } = {}): Promise<string> {
    const queue = await this.#declareQueue(queueName(consumer, event), !opts.background);
    await this.boss.subscribe(event, queue);
    return queue;
  }

  /** Creates the queue of a module's delayed task (see `schedule`). */
  declareTask(task: EventDef, opts: { background?: boolean } = {}): Promise<string> {
    return this.#declareQueue(taskQueueName(task), !opts.background);
  }

  /** notify: whether an insert wakes the queue's workers at once (pg_notify) or waits for their poll. */
  async #declareQueue(queue: string, notify: boolean): Promise<string> {
    const dead = deadLetterName(queue);
    const o = this.#opts;
    if (!(await this.boss.getQueue(dead))) await this.boss.createQueue(dead, { retentionSeconds: 60 * 60 * 24 * 30 });
    const options = {
      retryLimit: o.retryLimit,
      retryDelay: o.retryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: o.retryDelayMaxSeconds,
      notify,
    };
    if (await this.boss.getQueue(queue)) await this.boss.updateQueue(queue, options);
    else await this.boss.createQueue(queue, { ...options, deadLetter: dead });
    return queue;
  }

  /**
   * Schedules a module's own task for later, inside the caller's transaction (so it exists only if
   * the change that wants it commits). A key makes it idempotent: the job id is derived from it,
   * so scheduling the same key again (a retried handler, a redelivered event) adds nothing.
   */
  async schedule<E extends EventDef>(
    em: EntityManager,
    task: E,
    payload: PayloadOf<E>,
    opts: { startAfter: Date; key?: string },
  ): Promise<Envelope<PayloadOf<E>>> {
    const envelope = this.#envelope(em, task, payload, task.name.split('.')[0]);
    await this.boss.send(taskQueueName(task), envelope, {
      db: fromKysely(em.getKysely()),
      startAfter: opts.startAfter,
      ...(opts.key ? { id: uuidv5(`${task.name}:${opts.key}`, TASK_KEY_NAMESPACE) } : {}),
    });
    return envelope;
  }

  /**
   * Drops a scheduled task that is no longer wanted (its key as given to `schedule`): inside the
   * caller's transaction when given one, so it goes only if the change that made it moot commits
   * (and travels with that transaction's next statement: nothing waits for its answer).
   * A task already running, or gone, is left alone; a task that still fires must find nothing to do.
   */
  async unschedule(task: EventDef, key: string, em?: EntityManager): Promise<void> {
    const sql = dropSql(await this.#table(taskQueueName(task)));
    const params = [uuidv5(`${task.name}:${key}`, TASK_KEY_NAMESPACE)];
    if (em) await query(em, sql, params);
    else await this.boss.getDb().executeSql(sql, params);
  }

  /** The table a queue's jobs live in (jobs.ts JobTable), looked up once per queue. */
  #table(queue: string): Promise<JobTable> {
    let table = this.#tables.get(queue);
    if (!table) {
      table = jobTable((sql, params) => this.boss.getDb().executeSql(sql, params), queue);
      table.catch(() => this.#tables.delete(queue));
      this.#tables.set(queue, table);
    }
    return table;
  }

  /**
   * An event for a caller that writes it in the very statement that makes its state change
   * (`publishCtes` in jobs.ts, the checkout's single write): one statement is atomic, so it needs
   * no transaction around it. Checked against the contract like any other.
   */
  inStatement<E extends EventDef>(
    event: E,
    payload: PayloadOf<E>,
    meta: { producer: string; correlationId?: string },
  ): { envelope: Envelope<PayloadOf<E>>; published: () => void } {
    const envelope = this.#wrap(event, payload, meta.producer, meta.correlationId);
    return { envelope, published: () => busMetrics.published.inc({ event: event.name }) };
  }

  /** Checks what every write to the bus needs (a transaction, a payload that meets the contract) and wraps it. */
  #envelope<P>(em: EntityManager, event: EventDef, payload: P, producer: string, correlationId?: string): Envelope<P> {
    if (!em.isInTransaction()) throw new Error(`${event.name} must be written inside a transaction`);
    return this.#wrap(event, payload, producer, correlationId);
  }

  #wrap<P>(event: EventDef, payload: P, producer: string, correlationId?: string): Envelope<P> {
    const problem = event.check(payload);
    if (problem) throw new InvalidEventPayload(event.name, problem);
    const trace = currentTrace() ?? traceFrom();
    return {
      id: uuidv7(),
      name: event.name,
      occurredAt: new Date().toISOString(),
      producer,
      correlationId: correlationId ?? trace.traceId,
      traceparent: trace.traceparent,
      payload,
    };
  }

  /**
   * Starts a worker on the queue (see worker.ts). Events are handled in batches (see consumer.ts),
   * each batch claimed in the transaction that handles it and records the event ids in the
   * consumer's inbox, so a redelivered event finds its id there and does nothing.
   */
  async consume(
    orm: Orm,
    consumer: string,
    event: EventDef,
    handler: Handler,
    opts: ConsumeOptions & { queue?: string } = {},
  ): Promise<void> {
    const o = this.#opts;
    const { queue = queueName(consumer, event.name), commitEach = false, background = false } = opts;
    if (this.#workers.has(queue)) throw new Error(`${queue} already has a worker in this process`);
    const jobs = await this.#table(queue);
    // (a background queue lags by design, up to its poll: it takes turns but never counts as behind)
    const turns = this.#turns?.forQueue(queue, !background);
    const target = {
      orm,
      consumer,
      queue,
      jobs,
      event,
      handler,
      log: o.log,
      turns,
      publish: (em: EntityManager, envelope: Envelope) =>
        ((e: EventDef, payload: unknown) =>
          this.publish(em, e, payload as never, {
            producer: consumer,
            correlationId: envelope.correlationId,
          })) as HandlerContext['publish'],
      publishAll: (em: EntityManager, envelope: Envelope) =>
        ((e: EventDef, payloads: unknown[]) =>
          this.publishAll(em, e, payloads as never, {
            producer: consumer,
            correlationId: envelope.correlationId,
          })) as HandlerContext['publishAll'],
      fail: async (em: EntityManager, ids: string[], message: string) => {
        await this.boss.fail(queue, ids, { message }, { db: fromKysely(em.getKysely()) });
      },
    };
    const batchSize = commitEach ? 1 : o.batchSize;
    const peek = async () => {
      const found = await runnable(orm.em.fork(), jobs);
      if (!found) turns?.report(0, false); // (nothing waiting: not behind, whoever emptied it)
      return found;
    };
    const worker = new QueueWorker(
      queue,
      { batch: () => handleBatch(target, batchSize), peek },
      {
        log: o.log,
        pollMs: (background ? (o.backgroundPollSeconds ?? 0.5) : o.pollSeconds) * 1000,
      },
    );
    this.#workers.set(queue, worker);
    worker.start();
  }

  /** Dead events across every dead-letter queue, newest first. */
  async listDead(limit = 100): Promise<DeadEvent[]> {
    const queues = (await this.boss.getQueues()).filter((q) => q.name.startsWith('dead/'));
    const out: DeadEvent[] = [];
    for (const q of queues) {
      // (queue counts come from a stats cache refreshed once a minute, so every queue is read)
      const jobs = await this.boss.findJobs<Envelope>(q.name, { queued: true });
      for (const j of jobs) {
        out.push({
          id: j.id,
          queue: j.sourceName ?? q.name.slice('dead/'.length),
          deadLetterQueue: q.name,
          event: j.data.name,
          eventId: j.data.id,
          correlationId: j.data.correlationId,
          error: (j.sourceOutput as { message?: string } | null)?.message ?? null,
          attempts: (j.sourceRetryCount ?? 0) + 1,
          failedAt: j.createdOn.toISOString(),
          payload: j.data.payload,
        });
      }
    }
    return out.sort((a, b) => b.failedAt.localeCompare(a.failedAt)).slice(0, limit);
  }

  /** Moves one dead event back to the queue it failed on; false when no such dead event exists. */
  async replayDead(id: string): Promise<boolean> {
    const dead = (await this.listDead(10_000)).find((d) => d.id === id);
    if (!dead) return false;
    const moved = await this.boss.redrive(dead.deadLetterQueue, { ids: [id] });
    return moved > 0;
  }

  async ping(): Promise<void> {
    await this.boss.getDb().executeSql('select 1');
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    // graceful: let the batches in hand finish (a batch cut short is rolled back and claimed again
    // by the next process), then close the pool.
    this.#turns?.stop(); // (a batch waiting for its turn goes now, and the worker stops after it)
    await Promise.all([...this.#workers.values()].map((w) => w.stop(10_000)));
    this.#workers.clear();
    await this.#listening?.close();
    await this.boss.stop({ graceful: true, close: true, timeout: 10_000 });
  }
}

/** The part of pg-boss's database the bus listens through (its LISTEN connection, with reconnects). */
interface Listening {
  executeSql(text: string): Promise<{ rows: { channel: string }[] }>;
  listen(
    channel: string,
    onNotification: (payload: string) => void,
    onReconnect: () => void,
  ): Promise<{ close(): Promise<void> }>;
}

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
