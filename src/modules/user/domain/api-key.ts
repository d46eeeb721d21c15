import { apiKeyPrefix } from '../../../platform/auth/tokens.ts';
import type { Permission } from '../../../platform/auth/permissions.ts';

/** An API key as shown once: `tsk_<key id>_<secret>` (the secret is 32 random bytes, base64url). */
export const formatApiKey = (id: string, secret: string) => `${apiKeyPrefix}${id}_${secret}`;

const shape = /^tsk_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** The key id and secret, or null when the text is not of our shape. */
export function parseApiKey(key: string): { id: string; secret: string } | null {
  const m = shape.exec(key);
  return m ? { id: m[1], secret: m[2] } : null;
}

/** The permissions asked for that the creator does not hold (a key can never exceed its creator). */
export const beyondCreator = (asked: readonly Permission[], held: readonly Permission[]) =>
  asked.filter((p) => !held.includes(p));

/** A key is usable until revoked or past its expiry. */
export const isUsable = (key: { revokedAt?: Date | null; expiresAt?: Date | null }, now = new Date()) =>
  !key.revokedAt && (!key.expiresAt || key.expiresAt > now);
