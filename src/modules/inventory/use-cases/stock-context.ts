import type { HandlerContext } from '../../../platform/bus/index.ts';
import type { EventDef, PayloadOf } from '../../../platform/bus/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { allPublisherFor, type Platform } from '../../../platform/host/platform.ts';

/** Publishes several of inventory's events of one kind inside the given transaction, one write per subscriber. */
export type PublishAll = <E extends EventDef>(
  em: EntityManager,
  event: E,
  payloads: PayloadOf<E>[],
) => Promise<unknown>;

/**
 * What every stock use case needs: an entity manager (inside a transaction or not) and a publish.
 * Use cases open their own transaction on it when the caller has none. Inside the caller's, a
 * refusal (a DomainError) undoes the use case's own work and events only, and the caller may go on:
 * a savepoint, or for a reservation, refusing before it writes (see reserveStock).
 */
export interface StockContext {
  em: EntityManager;
  publishAll: PublishAll;
}

/** For routes: a fresh entity manager per request. */
export const requestContext = (platform: Platform): StockContext => ({
  em: platform.orm.em.fork(),
  publishAll: allPublisherFor(platform, 'inventory'),
});

/**
 * For event handlers: the handler's transaction, and a publish that continues the event's trace.
 * (The handler's publish writes on the handler's connection, so inside a use case's savepoint it
 * is rolled back with that savepoint: test/inventory-reservations.test.ts proves it.)
 */
export const handlerContext = (ctx: HandlerContext): StockContext => ({
  em: ctx.em,
  publishAll: (_em, event, payloads) => ctx.publishAll(event, payloads),
});
