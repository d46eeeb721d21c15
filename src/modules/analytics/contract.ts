import type { EventDef } from '../../platform/bus/index.ts';

// Analytics only listens: it publishes no events. Its reports are its public face (routes/).
export const analyticsEvents: EventDef[] = [];
