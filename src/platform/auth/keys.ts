import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import pg from 'pg';

export interface SigningKey {
  kid: string;
  privateKey: Awaited<ReturnType<typeof importJWK>>;
  publicJwk: JWK;
}

/**
 * The Ed25519 key the user module signs access tokens with. Generated on first start and kept in
 * platform.signing_key, so every process (and a restart) signs and verifies with the same key.
 * Concurrent first starts race on the insert; the oldest key wins for everybody.
 */
export async function loadSigningKeys(url: string): Promise<SigningKey[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let { rows } = await client.query(
      'select kid, private_jwk, public_jwk from platform.signing_key where retired_at is null order by created_at',
    );
    if (rows.length === 0) {
      const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const kid = crypto.randomUUID();
      const pub = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
      await client.query('insert into platform.signing_key (kid, private_jwk, public_jwk) values ($1, $2, $3)', [
        kid,
        await exportJWK(privateKey),
        pub,
      ]);
      ({ rows } = await client.query(
        'select kid, private_jwk, public_jwk from platform.signing_key where retired_at is null order by created_at',
      ));
    }
    return Promise.all(
      rows.map(async (r) => ({
        kid: r.kid,
        privateKey: await importJWK(r.private_jwk, 'EdDSA'),
        publicJwk: r.public_jwk,
      })),
    );
  } finally {
    await client.end();
  }
}
