// Staff and API-key credentials for tests: tokens minted with the app's own TokenService (the
// built-in roles' permissions), keys created through the admin API.
import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import { builtInRoles, permissions, type Permission } from '../../src/platform/auth/permissions.ts';
import type { TestApp } from './app.ts';

/** An access token for a staff member holding exactly these permissions. */
export const staffToken = (app: TestApp, perms: readonly Permission[], sub = uuidv7()) =>
  app.platform.tokens.sign({ kind: 'staff', sub, email: `staff.${sub}@example.com`, permissions: [...perms] });

export const roleToken = (app: TestApp, role: keyof typeof builtInRoles) => staffToken(app, builtInRoles[role]);

export const ownerToken = (app: TestApp) => staffToken(app, permissions);

/** Creates an API key through the admin API; returns its id and the one-time secret. */
export async function createApiKey(
  app: TestApp,
  creator: string,
  perms: readonly Permission[],
  extra: { expiresAt?: string; name?: string } = {},
): Promise<{ id: string; key: string }> {
  const res = await app.request('POST', '/admin/api-keys', {
    token: creator,
    body: {
      name: extra.name ?? 'integration',
      permissions: perms,
      ...(extra.expiresAt ? { expiresAt: extra.expiresAt } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, key: res.json().key };
}
