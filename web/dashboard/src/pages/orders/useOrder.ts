// One order with what other modules know of it (payments, shipments) and its timeline. Refunds and
// shipping are finished by events after the call answers, so after an action the page reads again
// for a little while (`watch`) instead of asking staff to reload.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { paths } from '../../../../../client/index.ts';
import { api, problemMessage } from '../../api.ts';
import { recordedTimeline, type TimelineEntry } from './timeline-api.ts';

type Json<P extends keyof paths, M extends 'get'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer R } } };
}
  ? R
  : never;
export type Order = Json<'/admin/orders/{id}', 'get'>;
export type Payment = Json<'/admin/payments', 'get'>['items'][number];
export type Shipment = Json<'/admin/shipments', 'get'>['items'][number];

export interface OrderData {
  order: Order | null;
  payments: Payment[];
  shipments: Shipment[];
  timeline: TimelineEntry[] | null;
  error: string | null;
}

const empty: OrderData = { order: null, payments: [], shipments: [], timeline: null, error: null };

export function useOrder(id: string) {
  const [data, setData] = useState<OrderData>(empty);
  const watching = useRef<ReturnType<typeof setInterval> | null>(null);

  const load = useCallback(async () => {
    const [o, p, s, timeline] = await Promise.all([
      api.GET('/admin/orders/{id}', { params: { path: { id } } }),
      api.GET('/admin/payments', { params: { query: { orderId: id, limit: 20 } } }),
      api.GET('/admin/shipments', { params: { query: { orderId: id, limit: 20 } } }),
      recordedTimeline(id).catch(() => null),
    ]);
    setData({
      order: o.data ?? null,
      payments: p.data?.items ?? [],
      shipments: s.data?.items ?? [],
      timeline,
      error: o.data ? null : problemMessage(o.error, 'The order could not be read'),
    });
  }, [id]);

  const stopWatching = () => {
    if (watching.current) clearInterval(watching.current);
    watching.current = null;
  };

  /** Reads again now and every second for 30 s, while events settle what an action started. */
  const watch = useCallback(() => {
    stopWatching();
    void load();
    let left = 30;
    watching.current = setInterval(() => {
      if (--left <= 0) stopWatching();
      void load();
    }, 1000);
  }, [load]);

  useEffect(() => {
    void load();
    return stopWatching;
  }, [load]);

  return { data, reload: load, watch };
}
