import type { EntityManager } from '../../../platform/db/index.ts';
import { ApiKey } from '../entities/api-key.entity.ts';

/** What staff see of a key (never its secret or hash). */
export const apiKeyView = (k: ApiKey) => ({
  id: k.id,
  name: k.name,
  permissions: k.permissions,
  createdBy: k.createdBy,
  createdAt: k.createdAt.toISOString(),
  expiresAt: k.expiresAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
});

/** Every key, newest first, revoked ones included (a shop has a handful). */
export async function listApiKeys(em: EntityManager) {
  return (await em.find(ApiKey, {}, { orderBy: { id: 'desc' }, limit: 1000 })).map(apiKeyView);
}
