// How hard we try to deliver a message. Module constants rather than settings; tests shorten them.

export const DELIVERY = {
  /** Attempts per message, the first included; after the last one fails the message is `failed`. */
  maxAttempts: 10,
  /** Wait before the 2nd attempt; it doubles for every further one (1 s, 2 s, 4 s ... 256 s). */
  backoffBaseMs: 1_000,
  backoffMaxMs: 15 * 60_000,
  /** Up to this share is added at random, so messages that failed together do not retry together. */
  jitter: 0.1,
  /**
   * An attempt whose outcome was not recorded this long after it started is presumed lost (the
   * process died mid-send) and the next attempt runs. Longer than the SMTP timeouts together.
   */
  leaseMs: 2 * 60_000,
};

/** The wait after attempt `failed` (1-based) failed, before the next one. */
export function backoffMs(failed: number, random: () => number = Math.random): number {
  const base = Math.min(DELIVERY.backoffBaseMs * 2 ** Math.max(0, failed - 1), DELIVERY.backoffMaxMs);
  return Math.round(base * (1 + DELIVERY.jitter * random()));
}
