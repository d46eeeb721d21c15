import { describe, expect, it } from 'vitest';
import { moderate, moderationActions } from './review-status.ts';

describe('review moderation', () => {
  it('publishes pending and rejected reviews, rejects pending and published ones', () => {
    expect(moderate('pending', 'publish')).toBe('published');
    expect(moderate('rejected', 'publish')).toBe('published');
    expect(moderate('pending', 'reject')).toBe('rejected');
    expect(moderate('published', 'reject')).toBe('rejected');
  });
  it('refuses a repeat with a 409', () => {
    expect(() => moderate('published', 'publish')).toThrow(/cannot be published/);
    expect(() => moderate('rejected', 'reject')).toThrow(/cannot be rejected/);
  });
  it('lists the possible actions', () => {
    expect(moderationActions('pending')).toEqual(['publish', 'reject']);
    expect(moderationActions('published')).toEqual(['reject']);
  });
});
