import { describe, expect, it } from 'vitest';
import { refundRefusal } from './refund-request.ts';

const payment = {
  orderId: 'o',
  currency: 'EUR',
  status: 'captured' as const,
  capturedAmount: 1000,
  refundedAmount: 300,
};
const ask = (amount: number, over: Partial<{ orderId: string; currency: string }> = {}) => ({
  orderId: 'o',
  paymentId: 'p',
  amount,
  currency: 'EUR',
  ...over,
});

describe('refund request', () => {
  it('fits up to what is left: captured, less refunded, less refunds under way', () => {
    expect(refundRefusal(payment, ask(500), [{ amount: 200 }])).toBeNull();
    expect(refundRefusal(payment, ask(501), [{ amount: 200 }])).toEqual({
      why: 'exceeds_refundable',
      detail: '501 asked, 500 left to refund',
    });
  });

  it('refuses a payment of another order, another currency, or money not captured', () => {
    expect(refundRefusal(null, ask(1), [])?.why).toBe('unknown_payment');
    expect(refundRefusal(payment, ask(1, { orderId: 'x' }), [])?.why).toBe('unknown_payment');
    expect(refundRefusal(payment, ask(1, { currency: 'USD' }), [])?.why).toBe('currency_mismatch');
    expect(refundRefusal({ ...payment, status: 'authorized' }, ask(1), [])?.why).toBe('not_captured');
  });
});
