import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7Id } from '../../../platform/db/index.ts';

/** A scoped key for integrations, shown once as `tsk_<id>_<secret>`; only the secret's SHA-256 is kept. */
export const ApiKey = defineEntity({
  name: 'ApiKey',
  schema: 'user',
  tableName: 'api_keys',
  properties: {
    id: uuidv7Id(),
    name: p.string().length(100),
    secretHash: p.string().length(64).hidden(),
    permissions: p.array().columnType('text[]'),
    createdBy: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
  },
});
export type ApiKey = InferEntity<typeof ApiKey>;
