import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { ApiKey } from '../entities/api-key.entity.ts';
import { apiKeyView } from './list-api-keys.ts';

/** Revokes a key: refused from the next request on (here at once; in other processes within AUTH_API_KEY_CACHE_SECONDS). */
export async function revokeApiKey(platform: Platform, em: EntityManager, actor: Actor, id: string) {
  const publish = publisherFor(platform, 'user');
  return em.transactional(async (tx) => {
    const key = await tx.findOne(ApiKey, { id });
    if (!key) throw new NotFound('API key');
    if (key.revokedAt) return apiKeyView(key);
    const before = apiKeyView(key);
    key.revokedAt = new Date();
    await tx.flush();
    const after = apiKeyView(key);
    await recordAudit(publish, tx, actor, {
      action: 'apiKey.revoke',
      resourceType: 'apiKey',
      resourceId: id,
      before,
      after,
    });
    return after;
  });
}
