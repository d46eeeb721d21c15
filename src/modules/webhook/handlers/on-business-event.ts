import type { Handler } from '../../../platform/bus/index.ts';
import { fanOutEvent } from '../use-cases/fan-out-event.ts';

/** Every deliverable event (domain/event-types.ts): one delivery per endpoint that wants it. */
export const onBusinessEvent: Handler = async ({ em }, event) => {
  await fanOutEvent(em, event);
};
