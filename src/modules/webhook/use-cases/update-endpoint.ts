import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { Endpoint } from '../entities/endpoint.entity.ts';
import { checkUrl } from './register-endpoint.ts';
import { changeEndpoints } from './sync-interest.ts';

export interface EndpointChange {
  url?: string;
  eventTypes?: string[];
  description?: string | null;
  contactEmail?: string | null;
  /** true re-enables a disabled endpoint with a clean slate (no failures, circuit closed). */
  enabled?: boolean;
}

export async function updateEndpoint(em: EntityManager, id: string, change: EndpointChange): Promise<void> {
  if (change.url !== undefined) await checkUrl(change.url);
  const set: Partial<Endpoint> = { updatedAt: new Date() };
  if (change.url !== undefined) set.url = change.url;
  if (change.eventTypes) set.eventTypes = [...new Set(change.eventTypes)].sort();
  if (change.description !== undefined) set.description = change.description;
  if (change.contactEmail !== undefined) set.contactEmail = change.contactEmail;
  if (change.enabled === true)
    Object.assign(set, {
      enabled: true,
      disabledAt: null,
      disabledReason: null,
      consecutiveFailures: 0,
      circuitOpenUntil: null,
    });
  if (change.enabled === false)
    Object.assign(set, { enabled: false, disabledAt: new Date(), disabledReason: 'by staff' });
  const write = async (tx: EntityManager) => {
    if (!(await tx.nativeUpdate(Endpoint, { id }, set))) throw new NotFound('Webhook endpoint');
  };
  // (only the events wanted and enabled change what the bus writes for this module)
  if (change.eventTypes || change.enabled !== undefined) await changeEndpoints(em, write);
  else await write(em);
}

export async function deleteEndpoint(em: EntityManager, id: string): Promise<void> {
  await changeEndpoints(em, async (tx) => {
    if (!(await tx.nativeDelete(Endpoint, { id }))) throw new NotFound('Webhook endpoint');
  });
}
