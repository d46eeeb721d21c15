import { Migration } from '@mikro-orm/migrations';

export class Migration20261210000000_init extends Migration {
  override async up(): Promise<void> {
    // Projection of confirmed orders: what a shipment notice needs to address the shopper
    // (shipment.shipped carries only the order id).
    this.addSql(`create table notification.orders (
      order_id uuid primary key,
      display_id text not null,
      customer_id uuid,
      email text not null,
      phone text,
      first_name text,
      confirmed_at timestamptz not null,
      updated_at timestamptz not null default now())`);

    // The message log: one row per message, rendered once (so a resend sends what was logged).
    this.addSql(`create table notification.messages (
      id uuid primary key,
      channel text not null check (channel in ('email', 'sms')),
      template text not null,
      recipient text not null,
      subject_id text not null,
      dedupe_key text,
      resend_of uuid references notification.messages (id),
      subject text,
      body_text text not null,
      body_html text,
      status text not null check (status in ('queued', 'sent', 'failed')),
      attempts integer not null default 0 check (attempts >= 0),
      last_error text,
      provider_message_id text,
      next_attempt_at timestamptz,
      last_attempt_at timestamptz,
      sent_at timestamptz,
      failed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint messages_sent_at check ((status = 'sent') = (sent_at is not null)),
      constraint messages_failed_at check ((status = 'failed') = (failed_at is not null)),
      constraint messages_email_subject check (channel <> 'email' or subject is not null))`);
    // One message per fact and recipient however often the fact is delivered; resends have no key.
    this.addSql('create unique index messages_dedupe_key on notification.messages (dedupe_key)');
    this.addSql('create index messages_recipient_idx on notification.messages (lower(recipient), id desc)');
    this.addSql('create index messages_status_idx on notification.messages (status, id desc)');
    this.addSql('create index messages_template_idx on notification.messages (template, id desc)');
    this.addSql('create index messages_subject_idx on notification.messages (subject_id, id desc)');

    // Every delivery attempt, for staff who want to know why a message is late or failed.
    this.addSql(`create table notification.attempts (
      message_id uuid not null references notification.messages (id),
      attempt integer not null check (attempt >= 1),
      outcome text not null check (outcome in ('pending', 'sent', 'failed', 'interrupted')),
      error text,
      provider_message_id text,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      primary key (message_id, attempt))`);
  }

  override async down(): Promise<void> {
    for (const t of ['attempts', 'messages', 'orders']) this.addSql(`drop table notification.${t}`);
  }
}
