import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { timestamps, uuidv7Id } from '../../../platform/db/index.ts';

/** A group of customers (wholesale, VIP) that price lists can be limited to. Names are unique case-insensitively. */
export const CustomerGroup = defineEntity({
  name: 'PricingCustomerGroup',
  schema: 'pricing',
  tableName: 'customer_groups',
  properties: {
    id: uuidv7Id(),
    name: p.string().length(200),
    description: p.string().length(2000).nullable(),
    ...timestamps(),
  },
  uniques: [
    {
      name: 'customer_groups_name_key',
      expression: 'create unique index customer_groups_name_key on pricing.customer_groups (lower(name))',
    },
  ],
});
export type CustomerGroup = InferEntity<typeof CustomerGroup>;

/** A customer (an id of the user module) in a group. */
export const CustomerGroupMember = defineEntity({
  name: 'PricingCustomerGroupMember',
  schema: 'pricing',
  tableName: 'customer_group_members',
  properties: {
    groupId: p
      .manyToOne(CustomerGroup)
      .mapToPk()
      .fieldName('group_id')
      .foreignKeyName('customer_group_members_group_id_fkey')
      .deleteRule('cascade')
      .primary(),
    customerId: p.uuid().primary().index('customer_group_members_customer_idx'),
    addedAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date()),
  },
});
export type CustomerGroupMember = InferEntity<typeof CustomerGroupMember>;
