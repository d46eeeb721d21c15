import { describe, expect, it } from 'vitest';
import { formatRefreshToken, hashSecret, newSecret, parseRefreshToken, secretMatches } from './refresh-token.ts';

const id = '0190f0e0-0000-7000-8000-000000000001';

describe('refresh token format', () => {
  it('round-trips an id and a secret', () => {
    const secret = newSecret();
    expect(parseRefreshToken(formatRefreshToken(id, secret))).toEqual({ id, secret });
  });

  it('rejects tokens that are not <uuid>.<secret>', () => {
    for (const t of ['', 'abc', `${id}.`, `.secret`, 'not-a-uuid.secret', `${id.toUpperCase()}.secret`])
      expect(parseRefreshToken(t)).toBeNull();
  });

  it('matches a secret only against its own hash', () => {
    const secret = newSecret();
    expect(secretMatches(hashSecret(secret), secret)).toBe(true);
    expect(secretMatches(hashSecret(secret), newSecret())).toBe(false);
    expect(secretMatches('short', secret)).toBe(false);
  });
});
