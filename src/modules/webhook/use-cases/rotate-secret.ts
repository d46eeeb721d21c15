import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { POLICY } from '../domain/policy.ts';
import { newSecret } from '../domain/signature.ts';
import { webhookDb } from '../entities/webhook-db.ts';

/**
 * A new secret signs from now on; the old one keeps signing beside it (two signatures per request)
 * for `overlapSeconds`, so receivers can switch without missing a delivery.
 */
export async function rotateSecret(em: EntityManager, id: string, overlapSeconds?: number, secret?: string) {
  const expires = new Date(
    Date.now() + (overlapSeconds !== undefined ? overlapSeconds * 1000 : POLICY.rotationOverlapMs),
  );
  const row = await webhookDb(em)
    .updateTable('webhook.endpoints')
    .set((eb) => ({
      previous_secret: eb.ref('secret'),
      previous_secret_expires_at: expires,
      secret: secret ?? newSecret(),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .returning(['secret', 'previous_secret_expires_at'])
    .executeTakeFirst();
  if (!row) throw new NotFound('Webhook endpoint');
  return { secret: row.secret, previousSecretExpiresAt: expires.toISOString() };
}

/** The secrets that sign now: the current one, and the previous one during its overlap. */
export const liveSecrets = (e: {
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}) =>
  e.previous_secret && e.previous_secret_expires_at && new Date(e.previous_secret_expires_at).getTime() > Date.now()
    ? [e.secret, e.previous_secret]
    : [e.secret];
