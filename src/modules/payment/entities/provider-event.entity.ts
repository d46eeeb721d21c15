import { defineEntity, p } from '@mikro-orm/core';

export const PROVIDER_EVENT_OUTCOMES = ['applied', 'ignored', 'unknown_payment'] as const;
export type ProviderEventOutcome = (typeof PROVIDER_EVENT_OUTCOMES)[number];

/** The inbox of provider webhooks (Stripe `evt_...`): one row per provider event id, applied once. */
export const ProviderEvent = defineEntity({
  name: 'PaymentProviderEvent',
  schema: 'payment',
  tableName: 'provider_events',
  properties: {
    provider: p.text().primary(),
    eventId: p.text().primary(),
    type: p.text(),
    paymentId: p.uuid().nullable(),
    outcome: p.enum(PROVIDER_EVENT_OUTCOMES),
    receivedAt: p.datetime().defaultRaw('now()'),
  },
});
