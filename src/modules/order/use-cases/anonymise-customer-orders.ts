import { query, type EntityManager } from '../../../platform/db/index.ts';

/**
 * A customer was erased: their orders stay (accounting, stock, refunds need them) but lose the
 * person: the email and every name, street and phone of the shipping address. The country stays
 * (taxes were computed from it); the customer id stays as a pseudonym nothing resolves any more.
 * Their carts lose the email too.
 */
export async function anonymiseCustomerOrders(em: EntityManager, customerId: string): Promise<void> {
  await query(
    em,
    `update "order".orders set email = 'erased@erased.invalid',
        shipping_address = jsonb_build_object(
          'firstName', 'Erased', 'lastName', '', 'company', null, 'line1', '', 'line2', null, 'city', '',
          'postalCode', '', 'province', null, 'countryCode', shipping_address->>'countryCode', 'phone', null),
        updated_at = now()
      where customer_id = $1`,
    [customerId],
  );
  await query(em, `update "order".carts set email = null where customer_id = $1`, [customerId]);
}
