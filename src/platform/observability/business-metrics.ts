import { Counter } from 'prom-client';

/**
 * What the shop did, for the checkout dashboard: counted where the fact is written, in the same
 * place as its event (so, like tessera_events_published_total, a transaction that then rolls back
 * and is retried counts twice; rare, and visible against the order table if it matters).
 * Label values are bounded: a reason code from a closed list, an ISO currency from a capped set.
 */
const orders = new Counter({
  name: 'tessera_orders_total',
  help: 'Orders by what happened to them: placed, confirmed, canceled',
  labelNames: ['outcome', 'currency'],
});
const canceled = new Counter({
  name: 'tessera_orders_canceled_total',
  help: 'Orders canceled, by reason code',
  labelNames: ['reason'],
});
const paymentsFailed = new Counter({
  name: 'tessera_payments_failed_total',
  help: 'Payments that failed (declined, errored, expired), by provider',
  labelNames: ['provider'],
});
const revenue = new Counter({
  name: 'tessera_revenue_minor_total',
  help: 'Order totals confirmed, in minor units (cents) per currency',
  labelNames: ['currency'],
});

/** At most this many currencies get a series of their own; any more are summed as `other`. */
const MAX_CURRENCIES = 20;
const seen = new Set<string>();

function currencyLabel(currency: string): string {
  if (!/^[A-Z]{3}$/.test(currency)) return 'other';
  if (seen.has(currency)) return currency;
  if (seen.size >= MAX_CURRENCIES) return 'other';
  seen.add(currency);
  return currency;
}

const bounded = (value: string, allowed: RegExp) => (allowed.test(value) ? value : 'other');

export const businessMetrics = {
  orderPlaced: (currency: string) => orders.inc({ outcome: 'placed', currency: currencyLabel(currency) }),
  orderConfirmed: (currency: string, totalMinor: number) => {
    const label = currencyLabel(currency);
    orders.inc({ outcome: 'confirmed', currency: label });
    revenue.inc({ currency: label }, Math.max(0, totalMinor));
  },
  orderCanceled: (currency: string, reasonCode: string) => {
    orders.inc({ outcome: 'canceled', currency: currencyLabel(currency) });
    canceled.inc({ reason: bounded(reasonCode, /^[a-z_]{1,32}$/) });
  },
  paymentFailed: (provider: string) => paymentsFailed.inc({ provider: bounded(provider, /^[a-z_]{1,16}$/) }),
};
