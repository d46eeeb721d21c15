import type { Address } from '../entities/address.entity.ts';
import type { RefreshToken } from '../entities/refresh-token.entity.ts';
import type { Role } from '../entities/role.entity.ts';
import type { StaffMember } from '../entities/staff-member.entity.ts';
import type { User } from '../entities/user.entity.ts';
import { rolePermissions, unionOfPermissions } from '../domain/principal.ts';

/** The public shape of an account: never the hash. */
export const customerView = (u: User) => ({
  id: u.id,
  email: u.email,
  role: 'customer',
  firstName: u.firstName ?? null,
  lastName: u.lastName ?? null,
  phone: u.phone ?? null,
  emailVerified: Boolean(u.emailVerifiedAt),
  emailVerifiedAt: u.emailVerifiedAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
  updatedAt: u.updatedAt.toISOString(),
});

export const addressView = (a: Address) => ({
  id: a.id,
  firstName: a.firstName,
  lastName: a.lastName,
  company: a.company ?? null,
  line1: a.line1,
  line2: a.line2 ?? null,
  city: a.city,
  postalCode: a.postalCode,
  province: a.province ?? null,
  countryCode: a.countryCode,
  phone: a.phone ?? null,
  isDefaultShipping: a.isDefaultShipping,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

/** A staff member with their roles' names and the permissions those give. */
export const staffView = (s: StaffMember, roles: Role[]) => ({
  id: s.id,
  email: s.email,
  firstName: s.firstName ?? null,
  lastName: s.lastName ?? null,
  status: s.status,
  roles: roles.map((r) => r.name),
  permissions: unionOfPermissions(roles),
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

export const roleView = (r: Role) => ({
  id: r.id,
  name: r.name,
  description: r.description ?? null,
  permissions: rolePermissions(r),
  builtIn: r.builtIn,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** A sign-in as a data export shows it: when and until when, never the token. */
export const sessionView = (t: RefreshToken) => ({
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt.toISOString(),
  lastUsedAt: t.usedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});
