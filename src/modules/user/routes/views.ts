import type { Address } from '../entities/address.entity.ts';
import type { User } from '../entities/user.entity.ts';

/** The public shape of an account: never the hash. */
export const customerView = (u: User) => ({
  id: u.id,
  email: u.email,
  role: u.role,
  firstName: u.firstName ?? null,
  lastName: u.lastName ?? null,
  phone: u.phone ?? null,
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
