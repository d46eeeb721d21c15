import { Migration } from '@mikro-orm/migrations';

// Signing keys move here from platform.signing_key, which keeps only their public halves: a process
// that does not host `user` can verify tokens but no longer sign them. Then API keys and the audit log.
export class Migration20261215000000_keys_and_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "user".signing_key (
      kid text primary key,
      private_jwk jsonb not null,
      created_at timestamptz not null default now(),
      retired_at timestamptz)`);
    this.addSql(`do $$ begin
      if exists (select 1 from information_schema.columns
                 where table_schema = 'platform' and table_name = 'signing_key' and column_name = 'private_jwk') then
        insert into "user".signing_key (kid, private_jwk, created_at, retired_at)
          select kid, private_jwk, created_at, retired_at from platform.signing_key;
        alter table platform.signing_key drop column private_jwk;
      end if;
    end $$`);
    this.addSql(`create table "user".api_keys (
      id uuid primary key,
      name varchar(100) not null,
      secret_hash varchar(64) not null,
      permissions text[] not null,
      created_by uuid not null,
      created_at timestamptz not null,
      expires_at timestamptz,
      revoked_at timestamptz,
      last_used_at timestamptz)`);
    this.addSql(`create table "user".audit_log (
      id uuid primary key,
      actor_kind varchar(16) not null,
      actor_id varchar(200) not null,
      on_behalf_of varchar(200),
      action varchar(100) not null,
      resource_type varchar(100) not null,
      resource_id varchar(200) not null,
      before jsonb,
      after jsonb,
      at timestamptz not null)`);
    this.addSql(`create index audit_log_actor_idx on "user".audit_log (actor_id, id)`);
    this.addSql(`create index audit_log_resource_idx on "user".audit_log (resource_type, resource_id, id)`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table "user".audit_log');
    this.addSql('drop table "user".api_keys');
    this.addSql('drop table "user".signing_key');
  }
}
