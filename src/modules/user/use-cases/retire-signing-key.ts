import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import { retirePublicKeys } from '../../../platform/auth/keys.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { Conflict, NotFound } from '../../../platform/http/errors.ts';
import { SigningKey } from '../entities/signing-key.entity.ts';
import { lockSigningKeys } from './ensure-signing-key.ts';

/** Retires a replaced key now (e.g. it leaked): every token it signed stops verifying. The signing key is a 409. */
export async function retireSigningKey(platform: Platform, em: EntityManager, actor: Actor, kid: string) {
  const publish = publisherFor(platform, 'user');
  await em.transactional(async (tx) => {
    await lockSigningKeys(tx);
    const key = await tx.findOne(SigningKey, { kid });
    if (!key) throw new NotFound('Signing key');
    if (!key.retiredAt) throw new Conflict('this key signs now: rotate first, then retire it');
    const before = key.retiredAt.toISOString();
    key.retiredAt = new Date();
    await tx.flush();
    await retirePublicKeys(tx, [kid], key.retiredAt);
    await recordAudit(publish, tx, actor, {
      action: 'signingKey.retire',
      resourceType: 'signingKey',
      resourceId: kid,
      before: { retiresAt: before },
      after: { retiresAt: key.retiredAt.toISOString() },
    });
  });
}
