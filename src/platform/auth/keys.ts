import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { query, type EntityManager } from '../db/index.ts';

/** A key the user module signs with: the private half never leaves the process hosting `user`. */
export interface Signer {
  kid: string;
  privateKey: CryptoKey | Uint8Array;
}

/** A public key as every process sees it (platform.signing_key): verifies until `retiresAt`. */
export interface PublicKey {
  kid: string;
  jwk: JWK;
  retiresAt: Date | null;
}

/** A fresh Ed25519 pair: the private JWK for the user module's table, the public one for everybody. */
export async function generateSigningKey(): Promise<{ kid: string; privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const kid = crypto.randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  return { kid, privateJwk: await exportJWK(privateKey), publicJwk };
}

export const importSigner = async (kid: string, privateJwk: JWK): Promise<Signer> => ({
  kid,
  privateKey: await importJWK(privateJwk, 'EdDSA'),
});

// platform.signing_key holds public halves only: any process may read it, none can sign from it.

export async function publishPublicKey(em: EntityManager, kid: string, jwk: JWK): Promise<void> {
  await query(em, 'insert into platform.signing_key (kid, public_jwk) values ($1, $2) on conflict do nothing', [
    kid,
    jwk,
  ]);
}

/** Sets when keys stop verifying (now, or once the tokens they signed have expired). */
export async function retirePublicKeys(em: EntityManager, kids: string[], at: Date): Promise<void> {
  await query(em, 'update platform.signing_key set retired_at = $2 where kid = any($1)', [kids, at]);
}

/** The keys that verify now (retiring ones included until their time). */
export async function loadPublicKeys(em: EntityManager): Promise<PublicKey[]> {
  // (timestamps come back as text from this driver setup: parsed here)
  const rows = await query<{ kid: string; public_jwk: JWK; retired_at: string | Date | null }>(
    em,
    'select kid, public_jwk, retired_at from platform.signing_key where retired_at is null or retired_at > now() order by created_at',
  );
  return rows.map((r) => ({ kid: r.kid, jwk: r.public_jwk, retiresAt: r.retired_at ? new Date(r.retired_at) : null }));
}
