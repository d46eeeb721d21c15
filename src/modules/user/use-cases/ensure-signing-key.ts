import { generateSigningKey, publishPublicKey } from '../../../platform/auth/keys.ts';
import { execute, type EntityManager } from '../../../platform/db/index.ts';
import { SigningKey } from '../entities/signing-key.entity.ts';

/** Serialises key creation and rotation across processes hosting `user` (one transaction-scoped lock). */
export const lockSigningKeys = (em: EntityManager) =>
  execute(em, "select pg_advisory_xact_lock(hashtext('user.signing_key'))");

/** Adds a new signing key: the private half here, the public half in platform.signing_key. */
export async function addSigningKey(em: EntityManager): Promise<SigningKey> {
  const { kid, privateJwk, publicJwk } = await generateSigningKey();
  const key = em.create(SigningKey, { kid, privateJwk, createdAt: new Date() });
  await em.flush();
  await publishPublicKey(em, kid, publicJwk);
  return key;
}

/** The key that signs now (the newest unretired one), created on the very first start. */
export async function ensureSigningKey(em: EntityManager): Promise<SigningKey> {
  const current = () => em.findOne(SigningKey, { retiredAt: null }, { orderBy: { createdAt: 'desc', kid: 'desc' } });
  const found = await current();
  if (found) return found;
  // Concurrent first starts: the lock lets one create the key; the others find it.
  return em.transactional(async (tx) => {
    await lockSigningKeys(tx);
    return (
      (await tx.findOne(SigningKey, { retiredAt: null }, { orderBy: { createdAt: 'desc', kid: 'desc' } })) ??
      addSigningKey(tx)
    );
  });
}
