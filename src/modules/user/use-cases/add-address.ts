import type { EntityManager } from '../../../platform/db/index.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import { Address } from '../entities/address.entity.ts';

export const MAX_ADDRESSES = 50;

export interface AddressFields {
  firstName: string;
  lastName: string;
  company?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  postalCode: string;
  province?: string | null;
  countryCode: string;
  phone?: string | null;
  isDefaultShipping?: boolean;
}

/** Adds an address to a customer's book; a new default shipping address takes the flag from the old one. */
export function addAddress(em: EntityManager, userId: string, fields: AddressFields): Promise<Address> {
  return em.transactional(async (tx) => {
    if ((await tx.count(Address, { userId })) >= MAX_ADDRESSES)
      throw new Conflict(`An address book holds at most ${MAX_ADDRESSES} addresses`);
    if (fields.isDefaultShipping) await tx.nativeUpdate(Address, { userId }, { isDefaultShipping: false });
    return tx.create(Address, { ...fields, userId, isDefaultShipping: fields.isDefaultShipping ?? false });
  });
}
