import type { Logger } from 'pino';
import type { EntityManager } from '../db/orm.ts';
import type { Envelope, EventDef, PayloadOf } from './event.ts';

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
   * The price is up to that poll in lag.
   */
  background?: boolean;
  /**
   * The queue gets an event only while the consumer says it wants it (`EventBus.updateInterest`):
   * for a consumer that ignores most of what it subscribes to. A publish of such an event reads the
   * queue's interest row in its transaction (one small statement) instead of writing a job.
   */
  onInterest?: boolean;
}

/** One queue per (consumer module, event): its own copy, retries and dead-letter queue. */
export const queueName = (consumer: string, event: string) => `${consumer}/${event}`;
/** A module's own delayed work (a timeout, a sale that starts) runs on a queue of its own. */
export const taskQueueName = (task: EventDef) => `${task.name.split('.')[0]}/task.${task.name}`;
export const deadLetterName = (queue: string) => `dead/${queue}`;
