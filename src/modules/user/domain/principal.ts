// What the user module's tokens say about their holder (the platform's Principal types), and how a
// staff member's roles resolve to the permissions their token carries.
import type { CustomerPrincipal, StaffPrincipal } from '../../../platform/auth/principal.ts';
import { builtInRoles, isPermission, type Permission } from '../../../platform/auth/permissions.ts';

export type AccountPrincipal = CustomerPrincipal | StaffPrincipal;

export const customerPrincipal = (u: { id: string; email: string }): CustomerPrincipal => ({
  kind: 'customer',
  sub: u.id,
  email: u.email,
});

export const staffPrincipal = (s: { id: string; email: string }, permissions: Permission[]): StaffPrincipal => ({
  kind: 'staff',
  sub: s.id,
  email: s.email,
  permissions,
});

const builtIn = new Map<string, readonly Permission[]>(Object.entries(builtInRoles));

/** A role's permissions: a built-in role's come from code (so new permissions reach it), a custom role's from its row. */
export function rolePermissions(role: { name: string; builtIn: boolean; permissions: string[] }): Permission[] {
  const fromCode = role.builtIn ? builtIn.get(role.name) : undefined;
  return fromCode ? [...fromCode] : role.permissions.filter(isPermission);
}

/** The union of some roles' permissions, sorted (a token's permissions). */
export function unionOfPermissions(roles: { name: string; builtIn: boolean; permissions: string[] }[]): Permission[] {
  return [...new Set(roles.flatMap(rolePermissions))].sort();
}

/** The permissions in `wanted` that `held` lacks: staff may grant only what they hold themselves. */
export const missingPermissions = (held: readonly string[], wanted: readonly string[]) =>
  [...new Set(wanted)].filter((p) => !held.includes(p)).sort();

export const OWNER_ROLE = 'owner';
