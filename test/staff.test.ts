import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions } from '../src/platform/auth/permissions.ts';
import { adminToken, startTestApp, uniqueEmail, type TestApp } from './helpers/app.ts';
import { claimsOf, mailedToken } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp.ts';

const password = 'Staff-password-42';

describe('staff and roles', () => {
  let app: TestApp;
  let smtp: TestSmtpServer;
  let owner: string;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp({ MODULES: 'user,notification', SMTP_URL: smtp.url, DASHBOARD_URL: 'https://admin.test' });
    owner = await adminToken(app);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  const as = (token: string, method: string, url: string, body?: unknown) => app.request(method, url, { token, body });

  /** Invites, accepts through the mailed link, and answers the new member's session. */
  async function member(roles: string[], by = owner) {
    const email = uniqueEmail('staff');
    const invited = await as(by, 'POST', '/admin/staff/invites', { email, roles });
    expect(invited.statusCode, invited.body).toBe(201);
    const token = await mailedToken(smtp, email, /invited/i);
    const accepted = await app.request('POST', '/admin/auth/accept-invite', {
      body: { token, password, firstName: 'Grace' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    return { id: invited.json().id as string, email, token, session: accepted.json() };
  }

  it('the first owner signs in with every permission in the token', async () => {
    const claims = claimsOf(owner);
    expect(claims).toMatchObject({ kind: 'staff' });
    expect(claims.role).toBeUndefined();
    expect([...claims.perms].sort()).toEqual([...permissions].sort());
    const me = (await as(owner, 'GET', '/admin/auth/me')).json();
    expect(me).toMatchObject({ email: 'admin@example.com', status: 'active', roles: ['owner'] });
  });

  it('changing roles keeps the roles named again, adds the new and drops the rest', async () => {
    const email = uniqueEmail('staff');
    const invited = await as(owner, 'POST', '/admin/staff/invites', { email, roles: ['fulfilment'] });
    expect(invited.statusCode, invited.body).toBe(201);
    const put = (roles: string[]) => as(owner, 'PUT', `/admin/staff/${invited.json().id}/roles`, { roles });
    const both = await put(['fulfilment', 'support']);
    expect(both.json().roles).toEqual(['fulfilment', 'support']);
    expect((await as(owner, 'GET', `/admin/staff/${invited.json().id}`)).json().roles).toEqual([
      'fulfilment',
      'support',
    ]);
    expect((await put(['support'])).json().roles).toEqual(['support']);
    expect((await as(owner, 'GET', `/admin/staff/${invited.json().id}`)).json().roles).toEqual(['support']);
  });

  it('invite, accept, sign in: the token carries exactly the role’s permissions; the link works once', async () => {
    const m = await member(['fulfilment']);
    const mail = smtp.to(m.email)[0];
    expect(mail.text).toContain('https://admin.test/accept-invite?token=');
    const login = await app.request('POST', '/admin/auth/login', { body: { email: m.email, password } });
    expect(login.statusCode).toBe(200);
    const roles = (await as(owner, 'GET', '/admin/roles')).json().items;
    const fulfilment = roles.find((r: any) => r.name === 'fulfilment');
    expect(claimsOf(login.json().accessToken).perms).toEqual([...fulfilment.permissions].sort());
    expect(login.json().staff).toMatchObject({ status: 'active', roles: ['fulfilment'], firstName: 'Grace' });
    const again = await app.request('POST', '/admin/auth/accept-invite', {
      body: { token: m.token, password: 'Other-password-99', firstName: 'Eve' },
    });
    expect(again.statusCode).toBe(400);
    // Fulfilment holds no staff:read or staff:manage: 403 before the body is even looked at.
    expect((await as(login.json().accessToken, 'GET', '/admin/staff')).statusCode).toBe(403);
    const bad = await as(login.json().accessToken, 'POST', '/admin/staff/invites', { nonsense: true });
    expect(bad.statusCode).toBe(403);
  });

  it('a custom role: created by staff:manage, granted, edited; nobody grants what they do not hold', async () => {
    const created = await as(owner, 'POST', '/admin/roles', {
      name: 'team-lead',
      permissions: ['staff:read', 'staff:manage', 'orders:read'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const lead = await member(['team-lead']);
    const leadToken = lead.session.accessToken;
    // The lead may invite with their own role, not with owner (it holds more than they do).
    const escalate = await as(leadToken, 'POST', '/admin/staff/invites', { email: uniqueEmail(), roles: ['owner'] });
    expect(escalate.statusCode).toBe(403);
    expect((await as(leadToken, 'PUT', `/admin/staff/${lead.id}/roles`, { roles: ['owner'] })).statusCode).toBe(403);
    expect(
      (await as(leadToken, 'POST', '/admin/roles', { name: 'sneaky', permissions: ['orders:refund'] })).statusCode,
    ).toBe(403);
    const builtIn = (await as(owner, 'GET', '/admin/roles')).json().items.find((r: any) => r.name === 'owner');
    expect((await as(owner, 'PATCH', `/admin/roles/${builtIn.id}`, { permissions: [] })).statusCode).toBe(403);
    expect((await as(owner, 'DELETE', `/admin/roles/${builtIn.id}`)).statusCode).toBe(403);
    const dup = await as(owner, 'POST', '/admin/roles', { name: 'team-lead', permissions: [] });
    expect(dup.statusCode).toBe(409);
    const edited = await as(owner, 'PATCH', `/admin/roles/${created.json().id}`, { permissions: ['staff:read'] });
    expect(edited.json().permissions).toEqual(['staff:read']);
    // The member's next token carries the new permissions.
    const next = await app.request('POST', '/admin/auth/refresh', {
      body: { refreshToken: lead.session.refreshToken },
    });
    expect(claimsOf(next.json().accessToken).perms).toEqual(['staff:read']);
    expect((await as(owner, 'DELETE', `/admin/roles/${created.json().id}`)).statusCode).toBe(204);
    expect((await as(owner, 'GET', `/admin/staff/${lead.id}`)).json().roles).toEqual([]);
  });

  it('the last owner can be neither demoted nor deactivated; with a second owner, one can go', async () => {
    const ownerId = claimsOf(owner).sub;
    const demote = await as(owner, 'PUT', `/admin/staff/${ownerId}/roles`, { roles: ['manager'] });
    expect(demote.statusCode).toBe(409);
    expect(demote.headers['content-type']).toContain('application/problem+json');
    expect((await as(owner, 'POST', `/admin/staff/${ownerId}/deactivate`)).statusCode).toBe(409);
    const second = await member(['owner']);
    const secondToken = second.session.accessToken;
    // Both at once demote each other: one wins, one owner remains.
    const codes = (
      await Promise.all([
        as(owner, 'PUT', `/admin/staff/${second.id}/roles`, { roles: ['manager'] }),
        as(secondToken, 'PUT', `/admin/staff/${ownerId}/roles`, { roles: ['manager'] }),
      ])
    ).map((r) => r.statusCode);
    expect(codes.sort()).toEqual([200, 409]);
    const owners = await app.db.query(
      `select count(*)::int as n from "user".staff_roles sr join "user".roles r on r.id = sr.role_id where r.name = 'owner'`,
    );
    expect(owners[0].n).toBe(1);
  });

  it('deactivating a member revokes their sessions at once and stops their sign-in', async () => {
    const m = await member(['support']);
    const res = await as(owner, 'POST', `/admin/staff/${m.id}/deactivate`);
    expect(res.json()).toMatchObject({ status: 'deactivated' });
    const refreshed = await app.request('POST', '/admin/auth/refresh', {
      body: { refreshToken: m.session.refreshToken },
    });
    expect(refreshed.statusCode).toBe(401);
    expect((await app.request('POST', '/admin/auth/login', { body: { email: m.email, password } })).statusCode).toBe(
      401,
    );
    const listed = (await as(owner, 'GET', '/admin/staff?status=deactivated')).json().items;
    expect(listed.map((s: any) => s.id)).toContain(m.id);
  });

  it('staff reset their password through the dashboard link; a customer token is not a staff token', async () => {
    const m = await member(['support']);
    expect((await app.request('POST', '/admin/auth/password-reset', { body: { email: m.email } })).statusCode).toBe(
      202,
    );
    const token = await mailedToken(smtp, m.email, /reset/i);
    // A staff link is no good at the store's endpoint.
    const wrongDoor = await app.request('POST', '/store/auth/password-reset/confirm', {
      body: { token, password: 'New-staff-password-1' },
    });
    expect(wrongDoor.statusCode).toBe(400);
    const reset = await app.request('POST', '/admin/auth/password-reset/confirm', {
      body: { token, password: 'New-staff-password-1' },
    });
    expect(reset.statusCode).toBe(204);
    const refreshed = await app.request('POST', '/admin/auth/refresh', {
      body: { refreshToken: m.session.refreshToken },
    });
    expect(refreshed.statusCode).toBe(401);
    const login = await app.request('POST', '/admin/auth/login', {
      body: { email: m.email, password: 'New-staff-password-1' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('staff change their password with the current one; their other sessions end', async () => {
    const m = await member(['support']);
    const other = (await app.request('POST', '/admin/auth/login', { body: { email: m.email, password } })).json();
    const changed = await as(m.session.accessToken, 'POST', '/admin/auth/password', {
      currentPassword: password,
      newPassword: 'Changed-staff-pass-3',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().staff.email).toBe(m.email);
    for (const refreshToken of [m.session.refreshToken, other.refreshToken])
      expect((await app.request('POST', '/admin/auth/refresh', { body: { refreshToken } })).statusCode).toBe(401);
    const next = await app.request('POST', '/admin/auth/refresh', {
      body: { refreshToken: changed.json().refreshToken },
    });
    expect(next.statusCode).toBe(200);
  });

  it('an invited member cannot sign in before accepting; an active member cannot be invited again', async () => {
    const email = uniqueEmail('pending');
    expect((await as(owner, 'POST', '/admin/staff/invites', { email, roles: ['support'] })).statusCode).toBe(201);
    const pending = await app.request('POST', '/admin/auth/login', { body: { email, password } });
    expect(pending.statusCode).toBe(401);
    const m = await member(['support']);
    const again = await as(owner, 'POST', '/admin/staff/invites', { email: m.email, roles: ['support'] });
    expect(again.statusCode).toBe(409);
  });
});

describe('the first owner', () => {
  it('two processes hosting user start together on an empty database: both up, exactly one owner', async () => {
    const db = await createTestDatabase();
    const apps = await Promise.all([
      startTestApp({ MODULES: 'user' }, { db }),
      startTestApp({ MODULES: 'user' }, { db }),
    ]);
    try {
      for (const a of apps) expect((await a.request('GET', '/health')).statusCode).toBe(200);
      const rows = await db.query(
        `select s.email from "user".staff_members s join "user".staff_roles sr on sr.staff_id = s.id
           join "user".roles r on r.id = sr.role_id where r.name = 'owner'`,
      );
      expect(rows).toEqual([{ email: 'admin@example.com' }]);
      for (const a of apps) expect(await adminToken(a)).toBeTruthy();
    } finally {
      await Promise.all(apps.map((a) => a.close()));
      await db.drop();
    }
  });
});
