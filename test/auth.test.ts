import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, importJWK, SignJWT, UnsecuredJWT } from 'jose';
import { registerCustomer, startTestApp, strongPassword, uniqueEmail, type TestApp } from './helpers/app.ts';

describe('auth', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.stop());

  const me = (token: string) => app.request('GET', '/store/me', { token });

  describe('access tokens', () => {
    it('are EdDSA JWTs with iss, aud and a 15 minute exp, verifiable from the JWKS', async () => {
      const { token } = await registerCustomer(app);
      const [header, payload] = token
        .split('.')
        .slice(0, 2)
        .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
      expect(header.alg).toBe('EdDSA');
      expect(payload).toMatchObject({ iss: 'tessera', aud: 'tessera-api', kind: 'customer' });
      expect(payload.exp - payload.iat).toBe(900);
      const jwks = (await app.request('GET', '/.well-known/jwks.json')).json();
      expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: header.kid });
      expect(jwks.keys[0].d).toBeUndefined(); // never the private part
      expect((await me(token)).statusCode).toBe(200);
    });

    it('rejects alg none, HS256 (also keyed with our public key) and a foreign key with a 401 problem', async () => {
      const { id } = await registerCustomer(app);
      const claims = { kind: 'customer', email: 'x@example.com' };
      const [ourKey] = (await app.platform.tokens.jwks()).keys;
      const std = (j: SignJWT) => j.setSubject(id).setIssuer('tessera').setAudience('tessera-api').setIssuedAt();
      const foreign = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const tokens = {
        none: new UnsecuredJWT(claims)
          .setSubject(id)
          .setIssuer('tessera')
          .setAudience('tessera-api')
          .setIssuedAt()
          .setExpirationTime('5m')
          .encode(),
        hs256: await std(new SignJWT(claims))
          .setProtectedHeader({ alg: 'HS256' })
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('x'.repeat(32))),
        // HS256 keyed with the public key bytes: the classic algorithm-confusion attack.
        confusion: await std(new SignJWT(claims))
          .setProtectedHeader({ alg: 'HS256', kid: ourKey.kid })
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(JSON.stringify(ourKey))),
        wrongKey: await std(new SignJWT(claims))
          .setProtectedHeader({ alg: 'EdDSA', kid: ourKey.kid })
          .setExpirationTime('5m')
          .sign(foreign.privateKey),
        garbage: 'not.a.jwt',
      };
      for (const [name, token] of Object.entries(tokens)) {
        const res = await me(token);
        expect(res.statusCode, name).toBe(401);
        expect(res.headers['content-type'], name).toContain('application/problem+json');
      }
    });

    it('rejects tokens signed with our own key but a wrong audience, a wrong issuer, or an expired exp', async () => {
      const { id } = await registerCustomer(app);
      const [row] = await app.db.query('select kid, private_jwk from "user".signing_key where retired_at is null');
      const key = { kid: row.kid, privateKey: await importJWK(row.private_jwk, 'EdDSA') };
      const base = () =>
        new SignJWT({ kind: 'customer', email: 'x@example.com' })
          .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
          .setSubject(id);
      const good = await base()
        .setIssuer('tessera')
        .setAudience('tessera-api')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key.privateKey);
      expect((await me(good)).statusCode).toBe(200); // the control: same key, right claims
      const now = Math.floor(Date.now() / 1000);
      const bad = {
        wrongAud: await base()
          .setIssuer('tessera')
          .setAudience('other-api')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(key.privateKey),
        wrongIss: await base()
          .setIssuer('evil')
          .setAudience('tessera-api')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(key.privateKey),
        expired: await base()
          .setIssuer('tessera')
          .setAudience('tessera-api')
          .setIssuedAt(now - 1000)
          .setExpirationTime(now - 60)
          .sign(key.privateKey),
        noRole: await new SignJWT({})
          .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
          .setSubject(id)
          .setIssuer('tessera')
          .setAudience('tessera-api')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(key.privateKey),
      };
      for (const [name, token] of Object.entries(bad)) expect((await me(token)).statusCode, name).toBe(401);
    });

    it('a customer token cannot use the admin API (403) and no token gets 401', async () => {
      const { token } = await registerCustomer(app);
      expect((await app.request('GET', '/admin/customers', { token })).statusCode).toBe(403);
      expect((await app.request('GET', '/admin/customers')).statusCode).toBe(401);
      expect((await app.request('GET', '/store/me', { headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    });
  });

  describe('register and login', () => {
    it('register answers 202 without a session; a known email (any case) gets the very same answer', async () => {
      const email = uniqueEmail();
      const first = await app.request('POST', '/store/auth/register', { body: { email, password: strongPassword } });
      expect(first.statusCode).toBe(202);
      expect(first.json()).not.toHaveProperty('accessToken');
      const dup = await app.request('POST', '/store/auth/register', {
        body: { email: email.toUpperCase(), password: 'Another-password-2' },
      });
      expect(dup.statusCode).toBe(202);
      expect(dup.json()).toEqual(first.json());
      // The first password stands: the second registration changed nothing.
      const login = await app.request('POST', '/store/auth/login', { body: { email, password: strongPassword } });
      expect(login.statusCode).toBe(200);
    });

    it('concurrent registrations of one email make one account', async () => {
      const email = uniqueEmail();
      const codes = (
        await Promise.all(
          [1, 2, 3].map(() =>
            app.request('POST', '/store/auth/register', { body: { email, password: strongPassword } }),
          ),
        )
      ).map((r) => r.statusCode);
      expect(codes).toEqual([202, 202, 202]);
      expect(await app.db.query('select 1 from "user".users where email = $1', [email])).toHaveLength(1);
    });

    it('a weak password or a malformed email is a 400 naming the field, and creates nothing', async () => {
      const email = uniqueEmail();
      for (const password of ['short1!', 'alllowercaseletters', 'x'.repeat(129)]) {
        const res = await app.request('POST', '/store/auth/register', { body: { email, password } });
        expect(res.statusCode, password).toBe(400);
        expect(res.json().detail, password).toMatch(/password/);
      }
      const bad = await app.request('POST', '/store/auth/register', {
        body: { email: 'not-an-email', password: strongPassword },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('email');
      expect(await app.db.query('select 1 from "user".users where email = $1', [email])).toHaveLength(0);
    });

    it('a wrong password and an unknown email get the same 401', async () => {
      const { email } = await registerCustomer(app);
      const wrong = await app.request('POST', '/store/auth/login', { body: { email, password: 'Wrong-password-1' } });
      const unknown = await app.request('POST', '/store/auth/login', {
        body: { email: uniqueEmail(), password: 'Wrong-password-1' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      const strip = (b: any) => ({ ...b, instance: undefined });
      expect(strip(wrong.json())).toEqual(strip(unknown.json()));
      const ok = await app.request('POST', '/store/auth/login', {
        body: { email: email.toUpperCase(), password: strongPassword },
      });
      expect(ok.statusCode).toBe(200);
    });

    it('customers cannot sign in through the staff login', async () => {
      const { email } = await registerCustomer(app);
      expect(
        (await app.request('POST', '/admin/auth/login', { body: { email, password: strongPassword } })).statusCode,
      ).toBe(401);
    });
  });

  describe('refresh tokens', () => {
    it('rotate on every use; reusing a rotated token revokes the whole family', async () => {
      const { refreshToken: r1 } = await registerCustomer(app);
      const second = await app.request('POST', '/store/auth/refresh', { body: { refreshToken: r1 } });
      expect(second.statusCode).toBe(200);
      const r2 = second.json().refreshToken;
      expect(r2).not.toBe(r1);
      expect((await me(second.json().accessToken)).statusCode).toBe(200);
      // r1 again: somebody kept a copy. The family dies, r2 included.
      expect((await app.request('POST', '/store/auth/refresh', { body: { refreshToken: r1 } })).statusCode).toBe(401);
      expect((await app.request('POST', '/store/auth/refresh', { body: { refreshToken: r2 } })).statusCode).toBe(401);
    });

    it('two concurrent refreshes with one token: one wins', async () => {
      const { refreshToken } = await registerCustomer(app);
      const codes = (
        await Promise.all([1, 2].map(() => app.request('POST', '/store/auth/refresh', { body: { refreshToken } })))
      )
        .map((r) => r.statusCode)
        .sort();
      expect(codes).toEqual([200, 401]);
    });

    it('are stored hashed, and logout revokes them', async () => {
      const { refreshToken, id } = await registerCustomer(app);
      const rows = await app.db.query('select token_hash from "user".refresh_tokens where user_id = $1', [id]);
      expect(rows).toHaveLength(1);
      expect(refreshToken).not.toContain(rows[0].token_hash);
      expect((await app.request('POST', '/store/auth/logout', { body: { refreshToken } })).statusCode).toBe(204);
      expect((await app.request('POST', '/store/auth/refresh', { body: { refreshToken } })).statusCode).toBe(401);
      expect(
        (await app.request('POST', '/store/auth/refresh', { body: { refreshToken: 'forged.token-value' } })).statusCode,
      ).toBe(401);
    });
  });
});

describe('auth rate limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ AUTH_RATE_LIMIT_MAX: 3 });
  });
  afterAll(() => app?.stop());

  it('limits login attempts per email with a 429 problem', async () => {
    const email = uniqueEmail();
    const attempt = () => app.request('POST', '/store/auth/login', { body: { email, password: 'Wrong-password-1' } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await attempt()).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    const limited = await attempt();
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.headers['retry-after']).toBeDefined();
    // Another email from the same address still gets through (the per-IP budget is larger).
    expect(
      (await app.request('POST', '/store/auth/login', { body: { email: uniqueEmail(), password: 'Wrong-password-1' } }))
        .statusCode,
    ).toBe(401);
  });

  it('limits attempts per IP across emails', async () => {
    const codes = [];
    for (let i = 0; i < 16; i++) {
      codes.push(
        (
          await app.request('POST', '/store/auth/register', {
            body: { email: uniqueEmail(), password: 'short' },
            remoteAddress: '203.0.113.9',
          })
        ).statusCode,
      );
    }
    expect(codes.slice(0, 15).every((c) => c === 400)).toBe(true);
    expect(codes[15]).toBe(429);
  });
});
