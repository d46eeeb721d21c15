import type { AttemptRow, DeliveryRow, EndpointRow } from '../entities/webhook-db.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** An endpoint as staff see it: never its secrets (shown once, when made or rotated). */
export const endpointView = (e: EndpointRow) => ({
  id: e.id,
  url: e.url,
  eventTypes: e.event_types,
  description: e.description,
  contactEmail: e.contact_email,
  enabled: e.enabled,
  disabledReason: e.disabled_reason,
  disabledAt: iso(e.disabled_at),
  consecutiveFailures: e.consecutive_failures,
  circuitOpenUntil: iso(e.circuit_open_until),
  previousSecretExpiresAt: iso(e.previous_secret_expires_at),
  createdAt: iso(e.created_at)!,
  updatedAt: iso(e.updated_at)!,
});

export const deliveryView = (d: DeliveryRow) => ({
  id: d.id,
  endpointId: d.endpoint_id,
  eventId: d.event_id,
  eventType: d.event_type,
  status: d.status,
  attempts: d.attempts,
  attemptsAllowed: d.attempts_allowed,
  nextAttemptAt: iso(d.next_attempt_at),
  lastStatusCode: d.last_status_code,
  lastLatencyMs: d.last_latency_ms,
  lastError: d.last_error,
  deliveredAt: iso(d.delivered_at),
  createdAt: iso(d.created_at)!,
});

export const attemptView = (a: AttemptRow) => ({
  attempt: a.attempt,
  outcome: a.outcome,
  statusCode: a.status_code,
  latencyMs: a.latency_ms,
  responseExcerpt: a.response_excerpt,
  error: a.error,
  startedAt: iso(a.started_at)!,
  finishedAt: iso(a.finished_at),
});
