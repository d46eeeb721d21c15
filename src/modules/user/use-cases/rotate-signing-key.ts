import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import { retirePublicKeys } from '../../../platform/auth/keys.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { SigningKey } from '../entities/signing-key.entity.ts';
import { addSigningKey, lockSigningKeys } from './ensure-signing-key.ts';

/** Margin past a token's lifetime before its key stops verifying (clock skew, a signer's cache). */
export const retireMarginSeconds = 60;

/**
 * A new key signs from now on; the keys it replaces keep verifying until every token they signed
 * has expired (access token lifetime + margin), then retire on their own.
 */
export async function rotateSigningKey(platform: Platform, em: EntityManager, actor: Actor) {
  const publish = publisherFor(platform, 'user');
  const retiresAt = new Date(Date.now() + (platform.tokens.ttlSeconds + retireMarginSeconds) * 1000);
  return em.transactional(async (tx) => {
    await lockSigningKeys(tx);
    const old = await tx.find(SigningKey, { retiredAt: null });
    const key = await addSigningKey(tx);
    for (const k of old) k.retiredAt = retiresAt;
    await tx.flush();
    await retirePublicKeys(
      tx,
      old.map((k) => k.kid),
      retiresAt,
    );
    const replaced = old.map((k) => k.kid);
    await recordAudit(publish, tx, actor, {
      action: 'signingKey.rotate',
      resourceType: 'signingKey',
      resourceId: key.kid,
      before: { signing: replaced },
      after: { signing: key.kid, retiring: replaced, retiresAt: retiresAt.toISOString() },
    });
    return { kid: key.kid, retiring: replaced, retiresAt };
  });
}
