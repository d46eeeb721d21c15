// The event bus's public face: the only file of platform/bus a module may import.
export {
  EventBus,
  handleMany,
  queueName,
  type ConsumeOptions,
  type Handler,
  type HandlerContext,
  type ManyHandler,
} from './bus.ts';
export { defineEvent, InvalidEventPayload, type Envelope, type EventDef, type PayloadOf } from './event.ts';
export { BusSchemaMismatch } from './schema-version.ts';
export { defineRecurringTask } from './recurring.ts';
