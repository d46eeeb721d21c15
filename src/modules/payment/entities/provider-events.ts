// The provider-event inbox (webhooks applied once): writes through its entity.
import type { EntityManager } from '../../../platform/db/index.ts';
import { ProviderEvent, type ProviderEventOutcome } from './provider-event.entity.ts';

/** Records a provider event id; false when it was recorded before (a duplicate delivery). */
export async function recordProviderEvent(
  em: EntityManager,
  e: { provider: string; eventId: string; type: string },
): Promise<boolean> {
  const result = await em
    .qb(ProviderEvent)
    .insert({ ...e, outcome: 'ignored' })
    .onConflict(['provider', 'eventId'])
    .ignore()
    .execute('run');
  return result.affectedRows > 0;
}

export async function setProviderEventOutcome(
  em: EntityManager,
  key: { provider: string; eventId: string },
  outcome: ProviderEventOutcome,
  paymentId: string | null = null,
): Promise<void> {
  await em.nativeUpdate(ProviderEvent, key, { outcome, ...(paymentId ? { paymentId } : {}) });
}
