import { Conflict } from '../../../platform/http/errors.ts';
import type { ReviewStatus } from './limits.ts';

export type ModerationAction = 'publish' | 'reject';

// Staff publish a pending review or one they rejected, and reject a pending one or withdraw a
// published one. (A customer's edit sends any review back to pending: see submit-review.ts.)
const moves: Record<ModerationAction, Partial<Record<ReviewStatus, ReviewStatus>>> = {
  publish: { pending: 'published', rejected: 'published' },
  reject: { pending: 'rejected', published: 'rejected' },
};

export const canModerate = (from: ReviewStatus, action: ModerationAction) => moves[action][from] !== undefined;

/** The status after a moderation action; a 409 when the review's status does not allow it. */
export function moderate(from: ReviewStatus, action: ModerationAction): ReviewStatus {
  const to = moves[action][from];
  if (!to) throw new Conflict(`A ${from} review cannot be ${action === 'publish' ? 'published' : 'rejected'}`);
  return to;
}

/** What staff may do with a review now (for the admin view). */
export const moderationActions = (from: ReviewStatus): ModerationAction[] =>
  (['publish', 'reject'] as const).filter((a) => canModerate(from, a));
