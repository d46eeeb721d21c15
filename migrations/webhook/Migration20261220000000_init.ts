import { Migration } from '@mikro-orm/migrations';

export class Migration20261220000000_init extends Migration {
  override async up(): Promise<void> {
    // Where staff want events sent. The previous secret still signs until it expires (rotation overlap).
    this.addSql(`create table webhook.endpoints (
      id uuid primary key,
      url text not null,
      event_types text[] not null constraint endpoints_event_types_not_empty check (cardinality(event_types) > 0),
      description text,
      secret text not null,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      enabled boolean not null default true,
      disabled_reason text,
      disabled_at timestamptz,
      consecutive_failures integer not null default 0,
      circuit_open_until timestamptz,
      contact_email text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);

    // One delivery per (endpoint, event): the body is stored as sent, so every attempt signs the same bytes.
    this.addSql(`create table webhook.deliveries (
      id uuid primary key,
      endpoint_id uuid not null references webhook.endpoints (id) on delete cascade,
      event_id uuid not null,
      event_type text not null,
      body text not null,
      status text not null check (status in ('pending', 'succeeded', 'failed')),
      attempts integer not null default 0,
      attempts_allowed integer not null,
      next_attempt_at timestamptz,
      last_status_code integer,
      last_latency_ms integer,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    this.addSql('create unique index deliveries_endpoint_event_key on webhook.deliveries (endpoint_id, event_id)');
    this.addSql('create index deliveries_endpoint_idx on webhook.deliveries (endpoint_id, id desc)');

    // The delivery log: every attempt with its answer.
    this.addSql(`create table webhook.attempts (
      delivery_id uuid not null references webhook.deliveries (id) on delete cascade,
      attempt integer not null,
      outcome text not null check (outcome in ('pending', 'succeeded', 'failed', 'interrupted')),
      status_code integer,
      latency_ms integer,
      response_excerpt text,
      error text,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      primary key (delivery_id, attempt))`);
  }

  override async down(): Promise<void> {
    for (const t of ['attempts', 'deliveries', 'endpoints']) this.addSql(`drop table webhook.${t}`);
  }
}
