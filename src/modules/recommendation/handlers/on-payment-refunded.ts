import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PaymentRefunded } from '../../payment/contract.ts';
import { recordRefund } from '../use-cases/record-refund.ts';

export const onPaymentRefunded: Handler<PayloadOf<typeof PaymentRefunded>> = ({ em }, { payload: r }) =>
  recordRefund(em, { orderId: r.orderId, amount: r.amount, voided: r.voided });
