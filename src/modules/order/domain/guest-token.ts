import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * A guest reads its order with the token the checkout answered. The order keeps only the token's
 * hash; the Idempotency-Key row keeps the token sealed (AES-256-GCM) with a key derived from the
 * Idempotency-Key and the order id, so a replay of the same checkout (whose first answer was lost,
 * the case the key exists for) answers the same token again, while the database alone does not
 * reveal it: opening it takes the key, which only the client that chose it knows.
 */
export const mintGuestToken = () => randomBytes(24).toString('base64url');

const sealingKey = (idempotencyKey: string, orderId: string) =>
  createHash('sha256').update(`guest-token\0${idempotencyKey}\0${orderId}`).digest();

export function sealGuestToken(token: string, idempotencyKey: string, orderId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(idempotencyKey, orderId), iv);
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The token sealed at checkout, or null when it cannot be opened with this key. */
export function openGuestToken(sealed: string, idempotencyKey: string, orderId: string): string | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(idempotencyKey, orderId), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
