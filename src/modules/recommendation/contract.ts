import type { EventDef } from '../../platform/bus/index.ts';

// Recommendations are answers to the storefront, not facts other modules act on: nothing is published.
export const recommendationEvents: EventDef[] = [];
