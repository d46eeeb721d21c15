// The user module's process-wide state: the signer it hands the token service, and the API key
// resolver, both wired at setup (only where `user` is hosted does a process hold a private key).
import { importSigner, type Signer } from '../../platform/auth/keys.ts';
import type { Platform } from '../../platform/host/platform.ts';
import { ensureSigningKey } from './use-cases/ensure-signing-key.ts';
import { resolveApiKey } from './use-cases/resolve-api-key.ts';

/** How long the signing key is reused before it is looked up again (a rotation in another `user` process). */
const signerMaxAgeMs = 30_000;

// Per platform, so two apps in one process (tests) never share a key.
const signers = new WeakMap<Platform, { signer: Signer; at: number }>();

async function currentSigner(platform: Platform): Promise<Signer> {
  const cached = signers.get(platform);
  if (cached && Date.now() - cached.at < signerMaxAgeMs) return cached.signer;
  const key = await ensureSigningKey(platform.orm.em.fork());
  if (cached?.signer.kid !== key.kid) await platform.tokens.reloadKeys();
  const signer = await importSigner(key.kid, key.privateJwk);
  signers.set(platform, { signer, at: Date.now() });
  return signer;
}

/** After a rotation or retirement here: sign with the newest key and verify with the current set at once. */
export async function signingKeysChanged(platform: Platform): Promise<void> {
  signers.delete(platform);
  await currentSigner(platform);
  await platform.tokens.reloadKeys();
}

export async function initUser(platform: Platform): Promise<void> {
  await currentSigner(platform);
  platform.tokens.useSigner(() => currentSigner(platform));
  platform.tokens.useApiKeys((key) => resolveApiKey(platform.orm.em.fork(), key));
}
