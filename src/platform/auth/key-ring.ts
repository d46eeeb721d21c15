import { importJWK, type CryptoKey, type JWK } from 'jose';
import type { PublicKey } from './keys.ts';

interface Entry {
  key: CryptoKey | Uint8Array;
  jwk: JWK;
  retiresAt: number;
}

/**
 * The public keys a process verifies with, read from platform.signing_key. Reloaded when a token
 * names a kid it does not know (a key rotated in another process; at most every `missCooldownMs`)
 * and every `maxAgeMs`, so a retirement decided elsewhere reaches this process within that window.
 */
export class KeyRing {
  #entries = new Map<string, Entry>();
  #loadedAt = 0;
  #loading?: Promise<void>;
  readonly #load: () => Promise<PublicKey[]>;
  readonly #maxAgeMs: number;
  readonly #missCooldownMs: number;

  constructor(load: () => Promise<PublicKey[]>, opts: { maxAgeMs?: number; missCooldownMs?: number } = {}) {
    this.#load = load;
    this.#maxAgeMs = opts.maxAgeMs ?? 60_000;
    this.#missCooldownMs = opts.missCooldownMs ?? 1_000;
  }

  reload(): Promise<void> {
    this.#loading ??= (async () => {
      try {
        const next = new Map<string, Entry>();
        for (const k of await this.#load())
          next.set(k.kid, {
            key: await importJWK(k.jwk, 'EdDSA'),
            jwk: k.jwk,
            retiresAt: k.retiresAt?.getTime() ?? Infinity,
          });
        this.#entries = next;
        this.#loadedAt = Date.now();
      } finally {
        this.#loading = undefined;
      }
    })();
    return this.#loading;
  }

  /** The key for a kid, if it verifies now. */
  async get(kid: string | undefined): Promise<CryptoKey | Uint8Array | undefined> {
    const age = Date.now() - this.#loadedAt;
    if (age > this.#maxAgeMs || (kid && !this.#entries.has(kid) && age > this.#missCooldownMs)) await this.reload();
    const entry = kid ? this.#entries.get(kid) : undefined;
    return entry && entry.retiresAt > Date.now() ? entry.key : undefined;
  }

  /** The JWKS of the keys that verify now. */
  async jwks(): Promise<{ keys: JWK[] }> {
    if (Date.now() - this.#loadedAt > this.#maxAgeMs) await this.reload();
    const now = Date.now();
    return { keys: [...this.#entries.values()].filter((e) => e.retiresAt > now).map((e) => e.jwk) };
  }
}
