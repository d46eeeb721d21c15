import { describe, expect, it } from 'vitest';
import { shopperReason } from './cancel-reasons.ts';

describe('shopperReason', () => {
  it('tells a payment timeout from a declined payment', () => {
    expect(shopperReason('payment_timeout')).toBe('we did not receive your payment in time');
    expect(shopperReason('payment_failed: card_declined')).toBe('your payment could not be completed');
  });
  it('explains stock, pricing and staff cancellations in plain words', () => {
    expect(shopperReason('reservation_failed: insufficient stock for variant 0199')).toBe(
      'an item in your order is no longer available',
    );
    expect(shopperReason('pricing_failed')).toBe('we could not confirm the price of your order');
    expect(shopperReason('canceled_by_staff')).toBe('our team had to cancel it');
    expect(shopperReason('customer_requested')).toBe('you asked us to cancel it');
  });
  it('reads the reasons the order module actually writes (order/saga/handlers.ts, admin cancel)', () => {
    expect(shopperReason('payment was not completed in time')).toBe('we did not receive your payment in time');
    expect(shopperReason('payment failed: generic_decline')).toBe('your payment could not be completed');
    expect(shopperReason('out of stock: not enough stock for 01a1ff00-6b4f-709e-ae0c-9a97bebde83e')).toBe(
      'an item in your order is no longer available',
    );
    expect(shopperReason('could not be priced: promotion code SPRING: has expired')).toBe(
      'we could not confirm the price of your order',
    );
    expect(shopperReason('canceled by staff')).toBe('our team had to cancel it');
  });
  it('goes by the code when the event has one, whatever the words say', () => {
    expect(shopperReason('payment was not completed in time', 'payment_timeout')).toBe(
      'we did not receive your payment in time',
    );
    expect(shopperReason('the customer called', 'canceled_by_staff')).toBe('our team had to cancel it');
    expect(shopperReason('out of stock: 0199', 'out_of_stock')).toBe('an item in your order is no longer available');
    expect(shopperReason('card declined', 'payment_failed')).toBe('your payment could not be completed');
    expect(shopperReason('promotion expired', 'pricing_failed')).toBe('we could not confirm the price of your order');
  });
  it('never repeats an unknown internal reason', () => {
    expect(shopperReason('saga invariant 42 violated in step 3')).toBe('we were unable to complete it');
  });
});
