import { PgBoss, fromKysely, type Job } from 'pg-boss';
import type { Logger } from 'pino';
import { v5 as uuidv5 } from 'uuid';
import { uuidv7 } from '../ids.ts';
import type { EntityManager, Orm } from '../db/orm.ts';
import { traceHere } from '../observability/context.ts';
import { handleJobs } from './consumer.ts';
import { discardDead, listDead, replayDead, type DeadEvent } from './dead-letters.ts';
import { InvalidEventPayload, type Envelope, type EventDef, type JobData, type PayloadOf } from './event.ts';
import { deadLetterName, queueName, taskQueueName, type ConsumeOptions, type Handler } from './handler.ts';
import { watchQueues, busMetrics } from './metrics.ts';
import { Interest } from './interest.ts';
import { InterestWorkers } from './interest-workers.ts';
import { ensureQueues, hasRunnableJobs, queueOptions, subscribedEvent, type QueueSpec } from './queues.ts';
import { checkBusSchema } from './schema-version.ts';
import { BusDatabase } from './bus-database.ts';
import { Slots } from './slots.ts';
import { repeatedErrorLog } from './repeated-errors.ts';

export { handleMany, queueName, taskQueueName, deadLetterName } from './handler.ts';
export type { ConsumeOptions, Handler, HandlerContext, ManyHandler } from './handler.ts';
export type { DeadEvent } from './dead-letters.ts';
export interface BusOptions {
  url: string;
  /** LISTEN/NOTIFY wake-up (pg-boss's listener; queues are created with `notify`). */
  notify: boolean;
  /** How often a queue is polled anyway: retries and delayed jobs whose time came, missed notifications. */
  pollSeconds: number;
  /** pg-boss's own pool (fetch, complete, fail, maintenance); default 8. */
  poolMax?: number;
  batchSize: number;
  /** How often a background queue (see ConsumeOptions.background) is polled; default 0.5 s, pg-boss's least. */
  backgroundPollSeconds?: number;
  /** How often conditional queues are checked besides on each change's NOTIFY (interest-workers.ts); default 10. */
  interestCheckSeconds?: number;
  /** Batches handled at once in this process, across all its queues; default 4. */
  concurrency?: number;
  /** How long a fetched job may stay unsettled before pg-boss retries it (its process died); default 60. */
  expireSeconds?: number;
  retryLimit: number;
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  log: Logger;
  /** pg-boss may install or migrate its schema (false for a runtime role: it only checks the version). */
  migrate?: boolean;
}

const TASK_KEY_NAMESPACE = '8f2b6c1e-3d4a-4e5f-9a7b-2c1d0e9f8a7b';
const DEAD_RETENTION_SECONDS = 60 * 60 * 24 * 30;

/**
 * The event bus over pg-boss's public API. `publish` inserts one job per subscribed queue through the
 * caller's transaction, so the event commits or rolls back with the state change that caused it;
 * consumers are pg-boss workers (consumer.ts: the inbox makes a redelivery harmless). Routing (event ->
 * queues) comes from the queue names (`<consumer>/<event>`) this process found or declared at boot.
 */
export class EventBus {
  readonly boss: PgBoss;
  #opts: BusOptions;
  #started = false;
  #consuming = false;
  #routes = new Map<string, Set<string>>();
  #working = new Set<string>();
  readonly #interest = new Interest();
  readonly #slots: Slots;
  readonly #db: BusDatabase;
  /** The workers of `onInterest` queues, started and stopped as they are wanted. */
  readonly interestWorkers: InterestWorkers;

  constructor(opts: BusOptions) {
    this.#opts = opts;
    this.#slots = new Slots(opts.concurrency ?? 4);
    this.#db = new BusDatabase({ connectionString: opts.url, max: opts.poolMax ?? 8, log: opts.log });
    this.boss = new PgBoss({
      db: this.#db,
      useListenNotify: opts.notify,
      migrate: opts.migrate ?? true,
      // A job whose process died stays active until it expires; look for those often.
      superviseIntervalSeconds: 10,
      monitorIntervalSeconds: 10,
      maintenanceIntervalSeconds: 300,
    });
    this.interestWorkers = new InterestWorkers(this.boss, this.#db, opts.log, opts.interestCheckSeconds);
    this.boss.on('error', repeatedErrorLog(opts.log, 'bus error'));
    this.boss.on('warning', (warning) => opts.log.warn({ warning }, 'bus warning'));
  }

  /** Checks the pg-boss schema version (BusSchemaMismatch), then starts pg-boss. */
  async start(): Promise<void> {
    await checkBusSchema(this.#opts.url);
    await this.boss.start();
    this.#started = true;
    watchQueues(this.boss);
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
   * Writes several events of one kind inside the caller's transaction: one insert per subscribed
   * queue, whatever the number of events (every event is still its own fact, with its own id,
   * delivered on its own; for an event defined `together`, in one job per queue).
   */
  async publishAll<E extends EventDef>(
    em: EntityManager,
    event: E,
    payloads: PayloadOf<E>[],
    meta: { producer: string; correlationId?: string },
  ): Promise<Envelope<PayloadOf<E>>[]> {
    const envelopes = payloads.map((payload) => this.#envelope(em, event, payload, meta.producer, meta.correlationId));
    const routed = [...(this.#routes.get(event.name) ?? [])];
    const queues = envelopes.length && routed.length ? await this.#interest.filter(em, routed) : [];
    if (!queues.length) return envelopes;
    const db = fromKysely(em.getKysely());
    const jobs =
      event.together && envelopes.length > 1 ? [{ data: { pack: envelopes } }] : envelopes.map((data) => ({ data }));
    await Promise.all(queues.map((queue) => this.boss.insert(queue, jobs, { db })));
    busMetrics.published.inc({ event: event.name }, envelopes.length);
    return envelopes;
  }

  /** Creates (or updates) the queues of these subscriptions and tasks in one pass, and routes their events. */
  async declareAll(
    subscriptions: { consumer: string; event: string; background?: boolean; onInterest?: boolean }[],
    tasks: { task: EventDef; background?: boolean }[] = [],
  ): Promise<void> {
    const specs: QueueSpec[] = [];
    const add = (queue: string, background?: boolean) =>
      specs.push(
        { name: deadLetterName(queue), retentionSeconds: DEAD_RETENTION_SECONDS },
        { ...queueOptions(this.#opts, !background), name: queue, deadLetter: deadLetterName(queue) },
      );
    for (const s of subscriptions) add(queueName(s.consumer, s.event), s.background);
    for (const t of tasks) add(taskQueueName(t.task), t.background);
    // (queues other processes made, a consumer this code does not know, are routed to as well)
    const existing = await ensureQueues(this.boss, specs);
    const rows = this.#interest.conditional(
      subscriptions.filter((s) => s.onInterest).map((s) => queueName(s.consumer, s.event)),
      existing,
    );
    if (rows) await this.#db.executeSql(rows.text, rows.values);
    for (const queue of [...existing, ...subscriptions.map((s) => queueName(s.consumer, s.event))]) {
      const event = subscribedEvent(queue);
      if (event) this.#routes.set(event, (this.#routes.get(event) ?? new Set<string>()).add(queue));
    }
  }

  /** Creates the consumer's queue and dead-letter queue (idempotent) and routes the event to it. */
  async declare(consumer: string, event: string, opts: Omit<ConsumeOptions, 'commitEach'> = {}): Promise<string> {
    await this.declareAll([{ consumer, event, ...opts }]);
    return queueName(consumer, event);
  }

  /**
   * Which events the consumer's `onInterest` queues get from now on, in the caller's transaction
   * (interest.ts: an event committed after this commits is not lost). `wanted` runs under the lock.
   * Once it has committed, `applyInterest` starts this process's workers on the queues now wanted.
   */
  updateInterest(em: EntityManager, consumer: string, wanted: () => Promise<string[]>): Promise<void> {
    return this.#interest.update(em, consumer, wanted);
  }

  /** Stops routing an event to a queue in this process (its jobs stay; another process still routes to it). */
  undeclare(consumer: string, event: string): void {
    this.#routes.get(event)?.delete(queueName(consumer, event));
  }

  /** The queues this process has workers on. */
  get workingQueues(): string[] {
    return [...this.#working];
  }

  /** The queues an event is written to. */
  queuesOf(event: string): string[] {
    return [...(this.#routes.get(event) ?? [])];
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
      ...(opts.key ? { id: taskId(task, opts.key) } : {}),
    });
    return envelope;
  }

  /**
   * Drops a scheduled task that is no longer wanted (its key as given to `schedule`): inside the
   * caller's transaction when given one, so it goes only if the change that made it moot commits.
   * A task that still fires (it was already running) must find nothing to do.
   */
  async unschedule(task: EventDef, key: string, em?: EntityManager): Promise<void> {
    await this.boss.deleteJob(taskQueueName(task), taskId(task, key), em ? { db: fromKysely(em.getKysely()) } : {});
  }

  /** Checks what every write to the bus needs (a transaction, a payload that meets the contract) and wraps it. */
  #envelope<P>(em: EntityManager, event: EventDef, payload: P, producer: string, correlationId?: string): Envelope<P> {
    if (!em.isInTransaction()) throw new Error(`${event.name} must be written inside a transaction`);
    const problem = event.check(payload);
    if (problem) throw new InvalidEventPayload(event.name, problem);
    const trace = traceHere();
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
   * Starts pg-boss workers on the queue: batches of up to BUS_BATCH_SIZE, woken by NOTIFY, each
   * handled in a slot of the process-wide concurrency (consumer.ts) and settled job by job.
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
    if (this.#working.has(queue)) throw new Error(`${queue} already has a worker in this process`);
    this.#working.add(queue);
    const target = { orm, consumer, queue, event, handler, log: o.log, commitEach, bus: this };
    const work = (jobs: Job<JobData>[]) => this.#slots.run(() => handleJobs(target, jobs));
    const options = {
      batchSize: o.batchSize,
      perJobResults: true,
      burstWhenBatchFull: true,
      pollingIntervalSeconds: background ? (o.backgroundPollSeconds ?? 0.5) : o.pollSeconds,
      notifyPollingIntervalSeconds: o.pollSeconds,
    };
    const start = async () => void (await this.boss.work<JobData>(queue, options, work));
    // (a conditional queue is worked only while wanted or not empty: interest-workers.ts)
    if (opts.onInterest) this.interestWorkers.add(queue, start);
    else await start();
  }

  /** Starts or stops the workers of conditional queues after a change of interest has committed. */
  applyInterest = (): Promise<void> => this.interestWorkers.check();

  /** Stops this process's workers on the queue (the batch in hand is finished and settled). */
  async stopConsuming(queue: string): Promise<void> {
    this.interestWorkers.remove(queue);
    await this.boss.offWork(queue, { wait: true });
    this.#working.delete(queue);
  }

  /** Consumers are running (marked by the host once it has started them all; /ready reports it). */
  get consuming(): boolean {
    return this.#consuming && this.#started;
  }
  markConsuming(): void {
    this.#consuming = true;
  }

  /** Whether any consumer queue holds a runnable job, or a batch is being handled in this process. */
  hasRunnableWork = async (): Promise<boolean> => this.#slots.busy > 0 || (await hasRunnableJobs(this.boss));

  // (the dead-letter queues: dead-letters.ts)
  listDead = (limit = 100): Promise<DeadEvent[]> => listDead(this.boss, limit);
  replayDead = (id: string): Promise<boolean> => replayDead(this.boss, id);
  discardDead = (id: string): Promise<boolean> => discardDead(this.boss, id);

  ping = async (): Promise<void> => void (await this.boss.getDb().executeSql('select 1'));

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    this.#consuming = false;
    await this.interestWorkers.stop();
    // graceful: the batches in hand finish and are settled; then the pool closes.
    await this.boss.stop({ graceful: true, close: true, timeout: 10_000 });
    await this.#db.close();
  }
}

const taskId = (task: EventDef, key: string) => uuidv5(`${task.name}:${key}`, TASK_KEY_NAMESPACE);
