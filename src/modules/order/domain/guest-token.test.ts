import { describe, expect, it } from 'vitest';
import { mintGuestToken, openGuestToken, sealGuestToken } from './guest-token.ts';

describe('guest token sealing', () => {
  it('opens with the same Idempotency-Key and order only', () => {
    const token = mintGuestToken();
    const sealed = sealGuestToken(token, 'key-1', 'order-1');
    expect(sealed).not.toContain(token);
    expect(openGuestToken(sealed, 'key-1', 'order-1')).toBe(token);
    expect(openGuestToken(sealed, 'key-2', 'order-1')).toBeNull();
    expect(openGuestToken(sealed, 'key-1', 'order-2')).toBeNull();
    expect(openGuestToken('garbage', 'key-1', 'order-1')).toBeNull();
  });
});
