// How deliveries are retried, bounded and given up on. One object, so tests can shrink the times.

export const POLICY = {
  /** Attempts per delivery (a manual redelivery grants as many again). */
  maxAttempts: 8,
  /** Delay before attempt n+1: retryBaseMs * retryFactor^(n-1), at most retryMaxMs. */
  retryBaseMs: 10_000,
  retryFactor: 4,
  retryMaxMs: 6 * 60 * 60_000,
  /** The whole request, connect to last byte. */
  timeoutMs: 10_000,
  /** Bytes of an answer read before the connection is cut; excerptChars of them are logged. */
  maxResponseBytes: 64 * 1024,
  excerptChars: 1024,
  /** Failed attempts in a row that open an endpoint's circuit, and for how long it stays open. */
  breakerThreshold: 5,
  breakerCooldownMs: 60_000,
  /** Failed attempts in a row that disable the endpoint (and mail its contact). */
  disableAfter: 20,
  /** Requests in flight at once in this process, and per endpoint. */
  concurrency: 16,
  perEndpoint: 2,
  /** An attempt that never reported back (its process died) is taken as interrupted after this. */
  leaseMs: 10 * 60_000,
  /** How long the previous secret still signs after a rotation. */
  rotationOverlapMs: 24 * 60 * 60_000,
};

/** Delay between attempt `attempt` (1-based, just failed) and the next one. */
export const retryDelayMs = (attempt: number) =>
  Math.min(POLICY.retryBaseMs * POLICY.retryFactor ** (attempt - 1), POLICY.retryMaxMs);
