import { describe, expect, it } from 'vitest';
import { providerCallKeys as keys } from './provider-call-keys.ts';

describe('provider call keys', () => {
  it('the first attempt is keyed by the order id alone', () => {
    expect(keys.authorize({ orderId: 'o', attempt: 1 })).toBe('o');
    expect(keys.authorize({ orderId: 'o', attempt: 2 })).toBe('o:2');
  });
});
