import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { JWK } from 'jose';

/**
 * The private half of a token signing key: only the process hosting `user` loads it (its public
 * half is in platform.signing_key for every process). The newest unretired key signs; a rotated
 * key is set to retire once the tokens it signed have expired.
 */
export const SigningKey = defineEntity({
  name: 'SigningKey',
  schema: 'user',
  tableName: 'signing_key',
  properties: {
    kid: p.string().primary().columnType('text'),
    privateJwk: p.json<JWK>().columnType('jsonb'),
    createdAt: p.datetime().defaultRaw('now()'),
    retiredAt: p.datetime().nullable(),
  },
});
export type SigningKey = InferEntity<typeof SigningKey>;
