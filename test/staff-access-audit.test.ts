// Real staff members (invited, accepted through the mailed link) against the permission checks
// every module makes, and the audit trail of access changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { adminToken, eventually, startTestApp, uniqueEmail, type TestApp } from './helpers/app.ts';
import { mailedToken } from './helpers/accounts.ts';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp.ts';

const password = 'Staff-password-42';

describe('real staff roles and the audit log of access changes', () => {
  let app: TestApp;
  let smtp: TestSmtpServer;
  let owner: string;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp({ SMTP_URL: smtp.url });
    owner = await adminToken(app);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  const as = (token: string, method: string, url: string, body?: unknown) => app.request(method, url, { token, body });

  async function invited(roles: string[]) {
    const email = uniqueEmail('staff');
    const res = await as(owner, 'POST', '/admin/staff/invites', { email, roles });
    expect(res.statusCode, res.body).toBe(201);
    const token = await mailedToken(smtp, email, /invited/i);
    const accepted = await app.request('POST', '/admin/auth/accept-invite', {
      body: { token, password, firstName: 'Grace' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    return { id: res.json().id as string, accessToken: accepted.json().accessToken as string };
  }

  const auditOf = async (resourceId: string, count: number) =>
    eventually(async () => {
      const res = await as(owner, 'GET', `/admin/audit-log?resourceId=${resourceId}`);
      expect(res.statusCode, res.body).toBe(200);
      const items: { action: string; actorId: string; before: unknown; after: unknown }[] = res.json().items;
      return items.length >= count ? items : undefined;
    });

  it('an invited fulfilment member reads orders but is refused a refund, before the order is even looked up', async () => {
    const m = await invited(['fulfilment']);
    const order = uuidv7();
    const refund = await as(m.accessToken, 'POST', `/admin/orders/${order}/refund`, { amount: 100 });
    expect(refund.statusCode, refund.body).toBe(403);
    expect(refund.headers['content-type']).toContain('application/problem+json');
    expect(refund.json().detail).toContain('orders:refund');
    // The owner passes the check and meets the missing order instead.
    expect((await as(owner, 'POST', `/admin/orders/${order}/refund`, { amount: 100 })).statusCode).toBe(404);
    // The member's own permissions open their routes (an unknown order is a 404, not a 403).
    expect((await as(m.accessToken, 'GET', `/admin/orders/${order}`)).statusCode).toBe(404);
  }, 60_000);

  it('invite, accept, role change and deactivation are audited with who and before/after', async () => {
    const m = await invited(['support']);
    expect((await as(owner, 'PUT', `/admin/staff/${m.id}/roles`, { roles: ['fulfilment'] })).statusCode).toBe(200);
    expect((await as(owner, 'POST', `/admin/staff/${m.id}/deactivate`)).statusCode).toBe(200);
    const items = await auditOf(m.id, 4);
    const by = (action: string) => items.find((i) => i.action === action);
    const ownerId = JSON.parse(Buffer.from(owner.split('.')[1], 'base64url').toString()).sub;
    expect(by('staff.invite')).toMatchObject({ actorId: ownerId, before: null, after: { roles: ['support'] } });
    expect(by('staff.acceptInvite')).toMatchObject({ actorId: m.id, after: { status: 'active' } });
    expect(by('staff.roles')).toMatchObject({ before: { roles: ['support'] }, after: { roles: ['fulfilment'] } });
    expect(by('staff.deactivate')).toMatchObject({ before: { status: 'active' }, after: { status: 'deactivated' } });
  }, 60_000);

  it('custom role create, edit and delete are audited', async () => {
    const created = await as(owner, 'POST', '/admin/roles', {
      name: `packer-${uuidv7()}`,
      permissions: ['orders:read'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const patched = await as(owner, 'PATCH', `/admin/roles/${id}`, { permissions: ['orders:read', 'orders:fulfil'] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await as(owner, 'DELETE', `/admin/roles/${id}`)).statusCode).toBe(204);
    const items = await auditOf(id, 3);
    expect(items.map((i) => i.action).sort()).toEqual(['role.create', 'role.delete', 'role.update']);
    const update = items.find((i) => i.action === 'role.update');
    expect(update).toMatchObject({
      before: { permissions: ['orders:read'] },
      after: { permissions: ['orders:fulfil', 'orders:read'] },
    });
  }, 60_000);
});
