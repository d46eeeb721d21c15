import { recordAudit, staffIdOf, type Actor } from '../../../platform/auth/audit.ts';
import type { Permission } from '../../../platform/auth/permissions.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { BadRequest, Forbidden } from '../../../platform/http/errors.ts';
import { beyondCreator, formatApiKey } from '../domain/api-key.ts';
import { hashSecret, newSecret } from '../domain/refresh-token.ts';
import { ApiKey } from '../entities/api-key.entity.ts';
import { apiKeyView } from './list-api-keys.ts';

export interface NewApiKey {
  name: string;
  permissions: Permission[];
  expiresAt?: string | null;
}

/** A key scoped to a subset of its creator's permissions; the secret is returned this once only. */
export async function createApiKey(platform: Platform, em: EntityManager, actor: Actor, input: NewApiKey) {
  const beyond = beyondCreator(input.permissions, actor.permissions);
  if (beyond.length) throw new Forbidden(`A key cannot hold permissions its creator lacks: ${beyond.join(', ')}`);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= new Date()) throw new BadRequest('expiresAt must be in the future');
  const secret = newSecret();
  const publish = publisherFor(platform, 'user');
  return em.transactional(async (tx) => {
    const key = tx.create(ApiKey, {
      name: input.name,
      secretHash: hashSecret(secret),
      permissions: [...new Set(input.permissions)],
      // A key made by a key answers to the staff member behind it.
      createdBy: staffIdOf(actor),
      expiresAt,
    });
    await tx.flush();
    const view = apiKeyView(key);
    await recordAudit(publish, tx, actor, {
      action: 'apiKey.create',
      resourceType: 'apiKey',
      resourceId: key.id,
      before: null,
      after: view,
    });
    return { ...view, key: formatApiKey(key.id, secret) };
  });
}
