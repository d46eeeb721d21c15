import type { FastifyPluginAsync } from 'fastify';
import type { EntitySchema } from '@mikro-orm/core';
import type { EventDef } from '../bus/event.ts';
import type { ConsumeOptions, Handler } from '../bus/handler.ts';
import type { Platform } from './platform.ts';

export interface Subscription extends ConsumeOptions {
  event: EventDef;
  handler: Handler;
}

/** What a module tells the host: the only thing the host ever touches of it. */
export interface ModuleDefinition {
  /** Module name; also its Postgres schema and the prefix of its queues. */
  name: string;
  description: string;
  entities: EntitySchema<any>[];
  /** The events its contract.ts declares. */
  publishes: EventDef[];
  subscriptions: Subscription[];
  /** The module's own delayed work, scheduled with `bus.schedule` (defined like events, never published). */
  tasks?: Subscription[];
  /** An encapsulated plugin with the module's /store and /admin routes. */
  routes?: FastifyPluginAsync;
  /** Postgres settings every pooled connection gets (e.g. a search threshold), set when it opens. */
  sessionSettings?: Record<string, string>;
  /** Folder of its migrations; default migrations/<name>. */
  migrationsDir?: string;
  /** Runs once the platform is up, before the module's handlers and routes start (wiring module state). */
  setup?: (platform: Platform) => void | Promise<void>;
  /** Runs once the platform is up and migrations are applied (seeding, scheduled work). */
  onStart?: (platform: Platform) => Promise<void>;
}

export const defineModule = (definition: ModuleDefinition): ModuleDefinition => definition;
