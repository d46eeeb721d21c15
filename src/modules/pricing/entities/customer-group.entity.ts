import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../../platform/ids.ts';

/** A group of customers (wholesale, VIP) that price lists can be limited to. */
export const CustomerGroup = defineEntity({
  name: 'PricingCustomerGroup',
  schema: 'pricing',
  tableName: 'customer_groups',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidv7()),
    name: p.string(),
    description: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type CustomerGroup = InferEntity<typeof CustomerGroup>;

/** A customer (an id of the user module) in a group. */
export const CustomerGroupMember = defineEntity({
  name: 'PricingCustomerGroupMember',
  schema: 'pricing',
  tableName: 'customer_group_members',
  properties: {
    groupId: p.uuid().primary(),
    customerId: p.uuid().primary(),
    addedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type CustomerGroupMember = InferEntity<typeof CustomerGroupMember>;
