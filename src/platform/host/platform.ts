import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import type { EntityManager, Orm } from '../db/orm.ts';
import type { EventBus } from '../bus/bus.ts';
import type { Envelope, EventDef, PayloadOf } from '../bus/event.ts';
import type { Cache } from '../cache/cache.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { Listener } from '../db/listener.ts';

/** The infrastructure every module uses, decorated once on the root Fastify instance. */
export interface Platform {
  config: Config;
  log: Logger;
  orm: Orm;
  bus: EventBus;
  cache: Cache;
  tokens: TokenService;
  /** Postgres notifications (LISTEN), to wake waiting requests without polling. */
  listener: Listener;
  /** The events this process publishes that no running process consumes, with the consumers missing (bus/consumers.ts). */
  unconsumed?: () => Promise<Record<string, string[]>>;
  /** The demo shop being seeded by this process (`npm start` on a new install), for /ready. */
  demoSeed?: { running: boolean; done: number; total: number };
}

/** A publish bound to the module that owns the event, for use inside that module's transactions. */
export function publisherFor(platform: Platform, producer: string) {
  return <E extends EventDef>(em: EntityManager, event: E, payload: PayloadOf<E>): Promise<Envelope<PayloadOf<E>>> =>
    platform.bus.publish(em, event, payload, { producer });
}

/** The same, for several events of one kind in one write per queue. */
export function allPublisherFor(platform: Platform, producer: string) {
  return <E extends EventDef>(
    em: EntityManager,
    event: E,
    payloads: PayloadOf<E>[],
  ): Promise<Envelope<PayloadOf<E>>[]> => platform.bus.publishAll(em, event, payloads, { producer });
}

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
  }
}
