import { describe, expect, it } from 'vitest';
import { emailInBody, normaliseEmail } from './email.ts';

describe('email normalisation', () => {
  it('compares addresses trimmed and lower-cased', () => {
    expect(normaliseEmail('  Ada@Example.COM ')).toBe('ada@example.com');
  });

  it('finds the email of a body for rate limits, and nothing in a body without one', () => {
    expect(emailInBody({ email: 'Ada@Example.com', password: 'x' })).toBe('ada@example.com');
    for (const body of [undefined, null, {}, { email: 42 }, 'text']) expect(emailInBody(body)).toBeUndefined();
  });
});
