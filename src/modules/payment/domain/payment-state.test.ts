import { describe, expect, it } from 'vitest';
import { leftToRefund, nextAction, refundable, statusAfterRefund } from './payment-state.ts';

const facts = (over: Partial<Parameters<typeof nextAction>[0]> = {}) => ({
  status: 'pending' as const,
  providerRef: null,
  captureRequestedAt: null,
  cancelRequestedAt: null,
  releaseRequired: null,
  needsAttention: null,
  ...over,
});
const refund = (amount: number) => ({ id: 'r', amount, status: 'pending' });
const at = new Date();

describe('payment state', () => {
  it('owes an authorization until the provider answered; then waits (shopper, webhook)', () => {
    expect(nextAction(facts(), [])).toEqual({ kind: 'authorize' });
    expect(nextAction(facts({ providerRef: 'pi_1' }), [])).toBeNull();
  });

  it('an authorized payment is voided when canceled (before any capture), captured when asked', () => {
    expect(nextAction(facts({ status: 'authorized' }), [])).toBeNull();
    expect(nextAction(facts({ status: 'authorized', captureRequestedAt: at }), [])).toEqual({ kind: 'capture' });
    expect(nextAction(facts({ status: 'authorized', captureRequestedAt: at, cancelRequestedAt: at }), [])).toEqual({
      kind: 'void',
    });
  });

  it('a captured payment owes its pending refunds, one at a time', () => {
    expect(nextAction(facts({ status: 'captured' }), [])).toBeNull();
    expect(nextAction(facts({ status: 'partially_refunded' }), [refund(5), refund(6)])).toMatchObject({
      kind: 'refund',
      refund: { amount: 5 },
    });
  });

  it('a failed or voided payment the provider still holds money for owes a release; staff attention stops everything', () => {
    expect(nextAction(facts({ status: 'voided' }), [])).toBeNull();
    expect(nextAction(facts({ status: 'voided', releaseRequired: 'void' }), [])).toEqual({
      kind: 'release',
      how: 'void',
    });
    expect(nextAction(facts({ status: 'failed', releaseRequired: 'refund' }), [])).toEqual({
      kind: 'release',
      how: 'refund',
    });
    expect(nextAction(facts({ status: 'authorized', captureRequestedAt: at, needsAttention: 'x' }), [])).toBeNull();
  });

  it('refundable is captured less refunded less refunds under way; refunds move to refunded at the captured amount', () => {
    expect(refundable({ capturedAmount: 1000, refundedAmount: 300 }, [refund(200)])).toBe(500);
    expect(statusAfterRefund({ capturedAmount: 1000, refundedAmount: 300 }, 200)).toEqual({
      refundedAmount: 500,
      status: 'partially_refunded',
    });
    expect(statusAfterRefund({ capturedAmount: 1000, refundedAmount: 300 }, 700)).toEqual({
      refundedAmount: 1000,
      status: 'refunded',
    });
    expect(() => statusAfterRefund({ capturedAmount: 1000, refundedAmount: 300 }, 701)).toThrow(/exceed/);
  });

  it('what is left to refund counts only the refunds under way, and never goes below zero', () => {
    const amounts = { capturedAmount: 1000, refundedAmount: 300 };
    const done = { amount: 300, status: 'succeeded' as const };
    expect(leftToRefund(amounts, [done, { amount: 200, status: 'pending' }])).toBe(500);
    expect(leftToRefund(amounts, [{ amount: 900, status: 'pending' }])).toBe(0);
  });
});
