import { createLocalJWKSet, createRemoteJWKSet, SignJWT, jwtVerify, type JWK } from 'jose';
import { uuidv7 } from '../ids.ts';
import type { SigningKey } from './keys.ts';

export type Role = 'customer' | 'admin';

export interface AccessClaims {
  sub: string;
  role: Role;
  email: string;
  /** A staff token's permissions (the union of the member's roles'), checked by staff routes. */
  permissions?: string[];
}

export interface TokenOptions {
  issuer: string;
  audience: string;
  ttlSeconds: number;
  /** When set, tokens are verified against this JWKS (a lifted-out module) instead of local keys. */
  jwksUrl?: string;
}

/** Signs and verifies EdDSA access tokens; only EdDSA is accepted, so `none` and HS256 never pass. */
export class TokenService {
  #signing: SigningKey;
  #verifyKey: ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;
  readonly jwks: { keys: JWK[] };

  private readonly opts: TokenOptions;

  constructor(keys: SigningKey[], opts: TokenOptions) {
    this.opts = opts;
    this.#signing = keys[0];
    this.jwks = { keys: keys.map((k) => k.publicJwk) };
    this.#verifyKey = opts.jwksUrl ? createRemoteJWKSet(new URL(opts.jwksUrl)) : createLocalJWKSet(this.jwks);
  }

  get ttlSeconds() {
    return this.opts.ttlSeconds;
  }

  async sign(claims: AccessClaims): Promise<string> {
    const extra = claims.permissions ? { kind: 'staff', permissions: claims.permissions } : {};
    return new SignJWT({ role: claims.role, email: claims.email, ...extra })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.#signing.kid, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(this.opts.issuer)
      .setAudience(this.opts.audience)
      .setJti(uuidv7())
      .setIssuedAt()
      .setExpirationTime(`${this.opts.ttlSeconds}s`)
      .sign(this.#signing.privateKey);
  }

  /** The verified claims, or throws (bad signature, wrong alg/iss/aud, expired). */
  async verify(token: string): Promise<AccessClaims> {
    const { payload } = await jwtVerify(token, this.#verifyKey, {
      issuer: this.opts.issuer,
      audience: this.opts.audience,
      algorithms: ['EdDSA'],
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    const role = payload.role;
    if (role !== 'customer' && role !== 'admin') throw new Error('token has no valid role');
    const permissions = Array.isArray(payload.permissions) ? payload.permissions.map(String) : undefined;
    return { sub: payload.sub!, role, email: String(payload.email ?? ''), ...(permissions ? { permissions } : {}) };
  }
}
