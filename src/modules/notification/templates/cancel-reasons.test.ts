import { describe, expect, it } from 'vitest';
import { shopperReason } from './cancel-reasons.ts';

describe('shopperReason', () => {
  it('tells a payment timeout from a declined payment', () => {
    expect(shopperReason('payment_timeout')).toBe('we did not receive your payment in time');
    expect(shopperReason('payment_failed: card_declined')).toBe('your payment could not be completed');
  });
  it('explains stock, pricing and staff cancellations in plain words', () => {
    expect(shopperReason('reservation_failed: insufficient stock for variant 0199')).toBe('an item in your order is no longer available');
    expect(shopperReason('pricing_failed')).toBe('we could not confirm the price of your order');
    expect(shopperReason('canceled_by_staff')).toBe('our team had to cancel it');
    expect(shopperReason('customer_requested')).toBe('you asked us to cancel it');
  });
  it('never repeats an unknown internal reason', () => {
    expect(shopperReason('saga invariant 42 violated in step 3')).toBe('we were unable to complete it');
  });
});
