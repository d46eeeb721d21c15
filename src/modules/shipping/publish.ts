import type { HandlerContext } from '../../platform/bus/index.ts';
import type { EventDef, PayloadOf } from '../../platform/bus/index.ts';
import type { EntityManager } from '../../platform/db/index.ts';

/**
 * Publishes one of shipping's events inside the given transaction: `publisherFor(platform, 'shipping')`
 * in routes and at start, `fromHandler(ctx)` in event handlers (which keeps the event's trace).
 */
export type Publish = <E extends EventDef>(em: EntityManager, event: E, payload: PayloadOf<E>) => Promise<unknown>;

export const fromHandler =
  (ctx: HandlerContext): Publish =>
  (_em, event, payload) =>
    ctx.publish(event, payload);
