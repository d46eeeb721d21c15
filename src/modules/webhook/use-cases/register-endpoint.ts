import type { EntityManager } from '../../../platform/db/index.ts';
import { Unprocessable } from '../../../platform/http/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { checkDestination, DestinationRefused } from '../adapters/network.ts';
import { newSecret } from '../domain/signature.ts';
import { Endpoint } from '../entities/endpoint.entity.ts';
import { webhook } from '../runtime.ts';
import { changeEndpoints } from './sync-interest.ts';

export interface EndpointInput {
  url: string;
  eventTypes: string[];
  description?: string | null;
  contactEmail?: string | null;
  secret?: string;
}

/** Refuses a URL that is malformed or reaches a non-public address (checked again at every delivery). */
export async function checkUrl(url: string): Promise<void> {
  try {
    await checkDestination(webhook().egress, url);
  } catch (err) {
    if (err instanceof DestinationRefused) throw new Unprocessable(`url refused: ${err.message}`);
    throw err;
  }
}

/** Registers an endpoint; the answer carries its secret (the only time, but for a rotation). */
export async function registerEndpoint(em: EntityManager, input: EndpointInput, actorEmail: string | null) {
  await checkUrl(input.url);
  const now = new Date();
  const row = {
    id: uuidv7(),
    url: input.url,
    eventTypes: [...new Set(input.eventTypes)].sort(),
    description: input.description ?? null,
    secret: input.secret ?? newSecret(),
    contactEmail: input.contactEmail ?? actorEmail,
    createdAt: now,
    updatedAt: now,
  };
  await changeEndpoints(em, (tx) => tx.insert(Endpoint, row));
  return row.id;
}
