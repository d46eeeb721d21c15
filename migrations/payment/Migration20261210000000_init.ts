import { Migration } from '@mikro-orm/migrations';

export class Migration20261210000000_init extends Migration {
  override async up(): Promise<void> {
    // One row per attempt to get an order's money. `status` is what the provider confirmed; the
    // *_requested_at columns and pending refunds are what we still want it to do (see state.ts).
    this.addSql(`create table payment.payments (
      id uuid primary key,
      order_id uuid not null,
      attempt integer not null default 1 check (attempt >= 1),
      provider text not null check (provider in ('test', 'stripe')),
      amount integer not null check (amount >= 0),
      currency char(3) not null,
      status text not null check (status in ('pending', 'authorized', 'captured', 'partially_refunded', 'refunded', 'failed', 'voided')),
      token text,
      provider_ref text,
      failure_reason text,
      captured_amount integer not null default 0,
      refunded_amount integer not null default 0,
      capture_requested_at timestamptz,
      cancel_requested_at timestamptz,
      release_required text check (release_required in ('void', 'refund')),
      needs_attention text,
      customer_id uuid,
      correlation_id text not null,
      request_event_id uuid not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      authorized_at timestamptz,
      captured_at timestamptz,
      canceled_at timestamptz,
      failed_at timestamptz,
      constraint payments_captured_within_amount check (captured_amount between 0 and amount),
      constraint payments_refunded_within_captured check (refunded_amount between 0 and captured_amount))`);
    // At most one live payment per order: a second request for the order finds it and does nothing.
    // A failed or voided one no longer counts, so the order may try again (another card).
    this.addSql(
      `create unique index payments_active_order_key on payment.payments (order_id) where status not in ('failed', 'voided')`,
    );
    this.addSql('create index payments_order_idx on payment.payments (order_id, id)');
    this.addSql(
      'create unique index payments_provider_ref_key on payment.payments (provider, provider_ref) where provider_ref is not null',
    );

    this.addSql(`create table payment.refunds (
      id uuid primary key,
      payment_id uuid not null references payment.payments (id),
      amount integer not null check (amount > 0),
      currency char(3) not null,
      status text not null check (status in ('pending', 'succeeded', 'failed', 'rejected')),
      origin text not null check (origin in ('request', 'cancel', 'provider')),
      reason text,
      failure_reason text,
      provider_ref text,
      request_event_id uuid,
      created_at timestamptz not null default now(),
      completed_at timestamptz)`);
    this.addSql('create index refunds_payment_idx on payment.refunds (payment_id, id)');
    this.addSql(
      'create unique index refunds_request_event_key on payment.refunds (request_event_id) where request_event_id is not null',
    );

    // The provider's own event ids (Stripe `evt_...`): a webhook delivered twice is applied once.
    this.addSql(`create table payment.provider_events (
      provider text not null,
      event_id text not null,
      type text not null,
      payment_id uuid,
      outcome text not null check (outcome in ('applied', 'ignored', 'unknown_payment')),
      received_at timestamptz not null default now(),
      primary key (provider, event_id))`);

    // Orders canceled here, so a payment request that arrives after the cancellation (the two
    // travel on different queues) charges nothing.
    this.addSql(`create table payment.canceled_orders (
      order_id uuid primary key,
      canceled_at timestamptz not null default now())`);
  }

  override async down(): Promise<void> {
    for (const t of ['canceled_orders', 'provider_events', 'refunds', 'payments'])
      this.addSql(`drop table payment.${t}`);
  }
}
