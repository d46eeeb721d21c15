import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isSettled, nextStatus, ORDER_STATUSES, type OrderEvent, type OrderStatus } from './order-state.ts';

const events: OrderEvent[] = ['priced_and_reserved', 'payment_authorized', 'shipped', 'cancel'];

describe('order state machine', () => {
  it('follows the happy path', () => {
    let s: OrderStatus = 'pending';
    for (const e of ['priced_and_reserved', 'payment_authorized', 'shipped'] as const) s = nextStatus(s, e)!;
    expect(s).toBe('fulfilled');
  });

  it('cancels from every open status, never after shipping or twice', () => {
    expect(nextStatus('pending', 'cancel')).toBe('canceled');
    expect(nextStatus('awaiting_payment', 'cancel')).toBe('canceled');
    expect(nextStatus('confirmed', 'cancel')).toBe('canceled');
    expect(nextStatus('fulfilled', 'cancel')).toBeNull();
    expect(nextStatus('canceled', 'cancel')).toBeNull();
  });

  it('ignores late and out-of-order events', () => {
    expect(nextStatus('pending', 'payment_authorized')).toBeNull(); // paid before priced: not possible
    expect(nextStatus('canceled', 'payment_authorized')).toBeNull(); // a payment after the timeout
    expect(nextStatus('confirmed', 'priced_and_reserved')).toBeNull();
    expect(nextStatus('pending', 'shipped')).toBeNull();
  });

  it('final states stay final whatever arrives (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...events), { maxLength: 30 }), (seq) => {
        let s: OrderStatus = 'pending';
        const seen: OrderStatus[] = [s];
        for (const e of seq) {
          s = nextStatus(s, e) ?? s;
          seen.push(s);
        }
        const firstFinal = seen.findIndex((x) => x === 'canceled' || x === 'fulfilled');
        if (firstFinal >= 0) expect(new Set(seen.slice(firstFinal)).size).toBe(1);
        expect(ORDER_STATUSES).toContain(s);
      }),
    );
  });

  it('an order awaiting the shopper (Stripe confirmation) counts as settled for Prefer: wait', () => {
    expect(isSettled('awaiting_payment', true)).toBe(true);
    expect(isSettled('awaiting_payment', false)).toBe(false);
    expect(isSettled('pending', false)).toBe(false);
    expect(isSettled('canceled', false)).toBe(true);
  });
});
