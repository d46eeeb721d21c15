import type { ApiKeyPrincipal } from '../../../platform/auth/principal.ts';
import { isPermission, type Permission } from '../../../platform/auth/permissions.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { isUsable, parseApiKey } from '../domain/api-key.ts';
import { secretMatches } from '../domain/refresh-token.ts';
import { ApiKey } from '../entities/api-key.entity.ts';

/** lastUsedAt is written at most this often per key, so a busy integration costs no write per call. */
const lastUsedEveryMs = 60_000;

/** The principal of a presented key, or undefined when it is unknown, wrong, revoked or expired. */
export async function resolveApiKey(em: EntityManager, presented: string): Promise<ApiKeyPrincipal | undefined> {
  const parsed = parseApiKey(presented);
  if (!parsed) return undefined;
  const key = await em.findOne(ApiKey, { id: parsed.id });
  if (!key || !secretMatches(key.secretHash, parsed.secret) || !isUsable(key)) return undefined;
  const now = new Date();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > lastUsedEveryMs)
    await em.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: now });
  const permissions = key.permissions.filter((p): p is Permission => isPermission(p));
  return { kind: 'apiKey', sub: key.id, createdBy: key.createdBy, permissions };
}
