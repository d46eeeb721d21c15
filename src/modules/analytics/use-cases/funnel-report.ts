import { query, type EntityManager } from '../../../platform/db/index.ts';
import { conversion, type Grain } from '../domain/period.ts';
import type { SalesQuery } from './sales-report.ts';

export type FunnelRow = {
  period: string;
  viewed: number;
  addedToCart: number;
  checkoutStarted: number;
  confirmed: number;
  /** Carts opened (beside the funnel: a cart is opened by the first add). */
  carts: number;
  viewToCart: number;
  cartToCheckout: number;
  checkoutToConfirmed: number;
  viewToConfirmed: number;
};

/**
 * The funnel per local period: each step counts its events in the period (views, adds,
 * checkouts, confirmations), each rate is a step over the one before it. Hours are assigned to
 * the local day their start falls in (exact for whole-hour offsets, as ADR 0061 says).
 */
export async function funnelReport(em: EntityManager, q: SalesQuery & { granularity: Grain }): Promise<FunnelRow[]> {
  const rows = await query<{
    period: string;
    views: number;
    carts: number;
    adds: number;
    checkouts: number;
    orders: number;
  }>(
    em,
    `select to_char(date_trunc($3, d::timestamp), 'YYYY-MM-DD') as period, sum(views)::int as views,
       sum(carts)::int as carts, sum(adds)::int as adds, sum(checkouts)::int as checkouts, sum(orders)::int as orders
     from (select (hour at time zone $4)::date as d, views, carts, adds, checkouts, orders
           from analytics.funnel_hourly
           where hour >= ($1::date::timestamp at time zone $4) and hour < (($2::date + 1)::timestamp at time zone $4)) h
     group by 1 order by 1`,
    [q.from, q.to, q.granularity, q.tz],
  );
  return rows.map((r) => ({
    period: r.period,
    viewed: r.views,
    addedToCart: r.adds,
    checkoutStarted: r.checkouts,
    confirmed: r.orders,
    carts: r.carts,
    viewToCart: conversion(r.adds, r.views),
    cartToCheckout: conversion(r.checkouts, r.adds),
    checkoutToConfirmed: conversion(r.orders, r.checkouts),
    viewToConfirmed: conversion(r.orders, r.views),
  }));
}
