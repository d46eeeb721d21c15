import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { CustomerErased } from '../../user/contract.ts';
import { anonymiseCustomerOrders } from '../use-cases/anonymise-customer-orders.ts';

/** user.customer_erased: the customer's orders are kept, without the person. */
export const onCustomerErased: Handler<PayloadOf<typeof CustomerErased>> = async (ctx, event) => {
  await anonymiseCustomerOrders(ctx.em, event.payload.customerId);
};
