// The order timeline (GET /admin/orders/{id}/timeline) arrives with its own change to the order
// module; until the typed client is regenerated with it, its path is declared here in the shape
// that change answers, and the client is the same openapi-fetch one over the staff session.
// Where the server does not have it yet (404), the page pieces a timeline together from the
// order, its payments and its shipments instead (ADR 0087).
import createFetchClient from 'openapi-fetch';
import type { paths } from '../../../../../client/index.ts';
import { authorizedFetch } from '../../api.ts';

export interface TimelineEntry {
  id: string;
  kind: string;
  occurredAt: string;
  eventId: string;
  actor: { staffId: string } | null;
  details: Record<string, unknown>;
}

interface TimelinePath {
  '/admin/orders/{id}/timeline': {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: {
          headers: Record<string, unknown>;
          content: {
            'application/json': { orderId: string; displayId: string; status: string; entries: TimelineEntry[] };
          };
        };
        404: { headers: Record<string, unknown>; content: { 'application/problem+json': { title: string } } };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

const client = createFetchClient<paths & TimelinePath>({
  baseUrl: globalThis.location?.origin ?? 'http://localhost',
  fetch: authorizedFetch,
});

/** The recorded timeline, or null when this server does not record one. */
export async function recordedTimeline(orderId: string): Promise<TimelineEntry[] | null> {
  const { data } = await client.GET('/admin/orders/{id}/timeline', { params: { path: { id: orderId } } });
  return data?.entries ?? null;
}
