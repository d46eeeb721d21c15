import { query } from '../../../platform/db/index.ts';
import { checkDestination, post } from '../adapters/network.ts';
import { POLICY } from '../domain/policy.ts';
import { signedHeaders } from '../domain/signature.ts';
import type { DeliveryRow, EndpointRow } from '../entities/webhook-db.ts';
import { webhook } from '../runtime.ts';
import { recordAttempt, type AttemptOutcome } from './record-attempt.ts';
import { liveSecrets } from './rotate-secret.ts';

type Claimed = DeliveryRow & Pick<EndpointRow, 'url' | 'secret' | 'previous_secret' | 'previous_secret_expires_at'>;

/**
 * One request of a claimed attempt (on the dispatcher, no transaction open): the URL is judged
 * again against what its name resolves to now, the connection pinned to the address judged.
 */
export async function sendAttempt(deliveryId: string, attempt: number): Promise<void> {
  const { platform, egress } = webhook();
  const [d] = await query<Claimed>(
    platform.orm.em.fork(),
    `select d.*, e.url, e.secret, e.previous_secret, e.previous_secret_expires_at
       from webhook.deliveries d join webhook.endpoints e on e.id = d.endpoint_id
       join webhook.attempts a on a.delivery_id = d.id and a.attempt = $2 and a.outcome = 'pending'
      where d.id = $1`,
    [deliveryId, attempt],
  );
  if (!d) return; // taken over by its lease meanwhile, or the endpoint was deleted
  let outcome: AttemptOutcome;
  const started = performance.now();
  try {
    const target = await withTimeout(checkDestination(egress, d.url), POLICY.timeoutMs, 'resolving the host');
    const headers = signedHeaders(liveSecrets(d), d.id, Math.floor(Date.now() / 1000), d.body);
    const res = await post(egress, target, d.url, headers, d.body, {
      timeoutMs: POLICY.timeoutMs,
      maxBytes: POLICY.maxResponseBytes,
      excerptChars: POLICY.excerptChars,
    });
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    outcome = { ok, ...res, error: ok ? null : `HTTP ${res.statusCode}` };
  } catch (err) {
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    outcome = { ok: false, statusCode: null, excerpt: null, latencyMs: Math.round(performance.now() - started), error };
  }
  await platform.orm.em.fork().transactional((em) => recordAttempt(em, d, attempt, outcome));
}

/** A name server that never answers must not hold a dispatcher slot past the request's own limit. */
function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
