import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7Id } from '../../../platform/db/index.ts';

/** A customer's saved address; only ever read through its owner's id. */
export const Address = defineEntity({
  name: 'Address',
  schema: 'user',
  tableName: 'addresses',
  properties: {
    id: uuidv7Id(),
    userId: p.uuid().index('addresses_user_idx'),
    firstName: p.string(),
    lastName: p.string(),
    company: p.string().nullable(),
    line1: p.string(),
    line2: p.string().nullable(),
    city: p.string(),
    postalCode: p.string().length(32),
    province: p.string().nullable(),
    countryCode: p.string().columnType('char(2)'),
    phone: p.string().length(64).nullable(),
    isDefaultShipping: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Address = InferEntity<typeof Address>;
