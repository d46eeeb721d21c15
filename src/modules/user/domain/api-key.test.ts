import { describe, expect, it } from 'vitest';
import { beyondCreator, formatApiKey, isUsable, parseApiKey } from './api-key.ts';
import { newSecret } from './refresh-token.ts';

describe('API keys', () => {
  it('format and parse round-trip; other shapes are not keys', () => {
    const id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const secret = newSecret();
    expect(parseApiKey(formatApiKey(id, secret))).toEqual({ id, secret });
    for (const bad of ['tsk_x_y', `tsk_${id}_short`, `tsk_${id}`, `${id}.${secret}`, `tsk_${id}_${secret}x`])
      expect(parseApiKey(bad), bad).toBeNull();
  });

  it('never exceed the creator; expire and revoke', () => {
    expect(beyondCreator(['catalog:write', 'orders:refund'], ['catalog:write'])).toEqual(['orders:refund']);
    const now = new Date('2026-12-07T00:00:00Z');
    expect(isUsable({ expiresAt: new Date('2026-12-08T00:00:00Z') }, now)).toBe(true);
    expect(isUsable({ expiresAt: new Date('2026-12-06T00:00:00Z') }, now)).toBe(false);
    expect(isUsable({ revokedAt: now }, now)).toBe(false);
  });
});
