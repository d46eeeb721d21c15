// The order timeline (GET /admin/orders/{id}/timeline), through the typed client. Where a server
// does not record one (404: an older order module), the page pieces a timeline together from the
// order, its payments and its shipments instead (ADR 0087).
import type { paths } from '../../../../../client/index.ts';
import { api } from '../../api.ts';

type Timeline = paths['/admin/orders/{id}/timeline']['get']['responses'][200]['content']['application/json'];
export type TimelineEntry = Timeline['entries'][number];

/** The recorded timeline, or null when this server does not record one. */
export async function recordedTimeline(orderId: string): Promise<TimelineEntry[] | null> {
  const { data } = await api.GET('/admin/orders/{id}/timeline', { params: { path: { id: orderId } } });
  return data?.entries ?? null;
}
