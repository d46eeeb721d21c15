import { createRemoteJWKSet, SignJWT, jwtVerify, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { uuidv7 } from '../ids.ts';
import { KeyRing } from './key-ring.ts';
import type { PublicKey, Signer } from './keys.ts';
import { isPermission } from './permissions.ts';
import type { ApiKeyPrincipal, CustomerPrincipal, Principal, StaffPrincipal } from './principal.ts';

export interface TokenOptions {
  issuer: string;
  audience: string;
  ttlSeconds: number;
  /** When set, tokens are verified against this JWKS (a lifted-out module) instead of platform.signing_key. */
  jwksUrl?: string;
  /** The public keys that verify now (platform.signing_key). */
  loadKeys: () => Promise<PublicKey[]>;
  /** Resolves `tsk_…` API keys in a process that does not host `user` (over HTTP, see api-key-client.ts). */
  apiKeys?: ApiKeyResolver;
}

/** Finds the principal of an API key, or undefined when it is unknown, revoked or expired. */
export type ApiKeyResolver = (key: string) => Promise<ApiKeyPrincipal | undefined>;

export const apiKeyPrefix = 'tsk_';

/**
 * Verifies access tokens (EdDSA only, so `none` and HS256 never pass) and API keys in every process;
 * signs only where the user module has handed it a signer. A process without `user` holds no
 * private key at all: `canSign` is false and `sign` throws.
 */
export class TokenService {
  #signer?: () => Promise<Signer>;
  #apiKeys?: ApiKeyResolver;
  readonly #ring: KeyRing;
  readonly #remote?: ReturnType<typeof createRemoteJWKSet>;
  private readonly opts: TokenOptions;

  constructor(opts: TokenOptions) {
    this.opts = opts;
    this.#ring = new KeyRing(opts.loadKeys);
    this.#remote = opts.jwksUrl ? createRemoteJWKSet(new URL(opts.jwksUrl)) : undefined;
    this.#apiKeys = opts.apiKeys;
  }

  readonly #localKey: JWTVerifyGetKey = async (header) => {
    const key = await this.#ring.get(header.kid);
    if (!key) throw new Error('unknown or retired signing key');
    return key;
  };

  get ttlSeconds() {
    return this.opts.ttlSeconds;
  }

  get canSign(): boolean {
    return this.#signer !== undefined;
  }

  /** The user module hands over its current signing key (looked up per call, so a rotation elsewhere reaches it). */
  useSigner(signer: () => Promise<Signer>): void {
    this.#signer = signer;
  }

  /** The user module resolves API keys itself where it is hosted (a revoked key fails at once). */
  useApiKeys(resolver: ApiKeyResolver): void {
    this.#apiKeys = resolver;
  }

  /** Reads the public keys again (after a rotation in this process). */
  reloadKeys(): Promise<void> {
    return this.#ring.reload();
  }

  jwks(): Promise<{ keys: JWK[] }> {
    return this.#ring.jwks();
  }

  async sign(principal: CustomerPrincipal | StaffPrincipal): Promise<string> {
    if (!this.#signer) throw new Error('this process does not host the user module and cannot sign tokens');
    const { kid, privateKey } = await this.#signer();
    const claims: JWTPayload = { kind: principal.kind, email: principal.email };
    if (principal.kind === 'staff') claims.perms = principal.permissions;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
      .setSubject(principal.sub)
      .setIssuer(this.opts.issuer)
      .setAudience(this.opts.audience)
      .setJti(uuidv7())
      .setIssuedAt()
      .setExpirationTime(`${this.opts.ttlSeconds}s`)
      .sign(privateKey);
  }

  /** The verified principal of a bearer credential (an access token or an API key), or throws. */
  async verify(token: string): Promise<Principal> {
    if (token.startsWith(apiKeyPrefix)) {
      const principal = await this.#apiKeys?.(token);
      if (!principal) throw new Error('unknown, revoked or expired API key');
      return principal;
    }
    const options = {
      issuer: this.opts.issuer,
      audience: this.opts.audience,
      algorithms: ['EdDSA'],
      requiredClaims: ['sub', 'exp', 'iat'],
    };
    const { payload } = this.#remote
      ? await jwtVerify(token, this.#remote, options)
      : await jwtVerify(token, this.#localKey, options);
    return principalOf(payload);
  }
}

function principalOf(payload: JWTPayload): Principal {
  const sub = payload.sub ?? '';
  const email = String(payload.email ?? '');
  if (payload.kind === 'customer') return { kind: 'customer', sub, email };
  if (payload.kind === 'staff' && Array.isArray(payload.perms)) {
    const permissions = payload.perms.filter((p): p is StaffPrincipal['permissions'][number] => isPermission(p));
    return { kind: 'staff', sub, email, permissions };
  }
  throw new Error('token names no valid principal');
}
