import { Type } from 'typebox';
import { defineEvent } from '../../platform/bus/index.ts';
import { CurrencyCode } from '../pricing/contract.ts';

const Uuid = Type.String({ format: 'uuid' });
const Provider = Type.Union([Type.Literal('test'), Type.Literal('stripe')]);

/** The provider authorized the amount (Stripe: the PaymentIntent succeeded / requires capture). */
export const PaymentAuthorized = defineEvent(
  'payment.authorized.v1',
  Type.Object({
    orderId: Uuid,
    paymentId: Uuid,
    provider: Provider,
    amount: Type.Integer({ minimum: 0 }),
    currency: CurrencyCode,
  }),
  'A payment was authorized',
);

/** The provider refused or the shopper gave up (declined, insufficient funds, canceled intent). */
export const PaymentFailed = defineEvent(
  'payment.failed.v1',
  Type.Object({
    orderId: Uuid,
    paymentId: Uuid,
    provider: Provider,
    reason: Type.String(),
  }),
  'A payment failed',
);

/** Money moved: captured on shipment (or at once, when configured). */
export const PaymentCaptured = defineEvent(
  'payment.captured.v1',
  Type.Object({
    orderId: Uuid,
    paymentId: Uuid,
    amount: Type.Integer({ minimum: 0 }),
    currency: CurrencyCode,
  }),
  'A payment was captured',
);

/** Money went back, in part or whole; or an authorization was voided (amount 0 captured). */
export const PaymentRefunded = defineEvent(
  'payment.refunded.v1',
  Type.Object({
    orderId: Uuid,
    paymentId: Uuid,
    amount: Type.Integer({ minimum: 0 }),
    currency: CurrencyCode,
    voided: Type.Boolean(),
  }),
  'A payment was refunded or voided',
);

/**
 * For Stripe: the shopper must confirm the PaymentIntent in the browser with this client secret.
 * The order module keeps it for the checkout response.
 */
export const PaymentActionRequired = defineEvent(
  'payment.action_required.v1',
  Type.Object({
    orderId: Uuid,
    paymentId: Uuid,
    provider: Provider,
    clientSecret: Type.String(),
  }),
  'The shopper must confirm the payment client-side',
);

/**
 * A refund staff asked for (order.refund_requested) was not made: more than is left to refund, a
 * payment not captured yet, another currency, or the provider refused it. Nothing was refunded.
 */
export const PaymentRefundFailed = defineEvent(
  'payment.refund_failed.v1',
  Type.Object({
    orderId: Uuid,
    paymentId: Uuid,
    amount: Type.Integer({ minimum: 0 }),
    currency: CurrencyCode,
    reason: Type.Union([
      Type.Literal('exceeds_refundable'),
      Type.Literal('not_captured'),
      Type.Literal('currency_mismatch'),
      Type.Literal('unknown_payment'),
      Type.Literal('provider_refused'),
    ]),
    detail: Type.String(),
  }),
  'A requested refund was refused; nothing was refunded',
);

export const paymentEvents = [
  PaymentAuthorized,
  PaymentFailed,
  PaymentCaptured,
  PaymentRefunded,
  PaymentActionRequired,
  PaymentRefundFailed,
];
