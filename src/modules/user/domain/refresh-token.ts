import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A refresh token is `<row id>.<secret>`; only the secret's SHA-256 is stored, so a leaked table
 * holds no usable token.
 */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export const newSecret = () => randomBytes(32).toString('base64url');

export const formatRefreshToken = (id: string, secret: string) => `${id}.${secret}`;

/** The row id and secret of a token, or null when it is not of our shape. */
export function parseRefreshToken(token: string): { id: string; secret: string } | null {
  const [id, secret] = token.split('.');
  if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return null;
  return { id, secret };
}

/** Compares a stored hash with the hash of a presented secret in constant time. */
export const secretMatches = (storedHash: string, secret: string) => {
  const presented = hashSecret(secret);
  return storedHash.length === presented.length && timingSafeEqual(Buffer.from(storedHash), Buffer.from(presented));
};
