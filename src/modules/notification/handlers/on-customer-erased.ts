import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { CustomerErased } from '../../user/contract.ts';
import { eraseCustomerData } from '../use-cases/erase-customer-data.ts';

/** user.customer_erased: the message log and order contacts forget the person. */
export const onCustomerErased: Handler<PayloadOf<typeof CustomerErased>> = async (ctx, event) => {
  await eraseCustomerData(ctx.em, event.payload.customerId);
};
