import { describe, expect, it } from 'vitest';
import { redactTokens } from './redact.ts';

describe('redactTokens', () => {
  it('blanks the token of every link, in text and in HTML, and leaves the rest', () => {
    expect(redactTokens('Reset: https://shop.test/reset-password?token=abc.DEF_1-2 (once)')).toBe(
      'Reset: https://shop.test/reset-password?token=[redacted] (once)',
    );
    expect(redactTokens('<a href="https://x.test/a?lang=en&amp;token=s3cr.et">go</a>')).toBe(
      '<a href="https://x.test/a?lang=en&amp;token=[redacted]">go</a>',
    );
    expect(redactTokens('Your order T1001 shipped')).toBe('Your order T1001 shipped');
  });
});
