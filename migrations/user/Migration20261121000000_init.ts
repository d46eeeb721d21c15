import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000000_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "user".users (
      id uuid primary key,
      email varchar(320) not null unique,
      password_hash text not null,
      role text not null default 'customer' check (role in ('customer', 'admin')),
      first_name varchar(255),
      last_name varchar(255),
      phone varchar(64),
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql(`create table "user".refresh_tokens (
      id uuid primary key,
      user_id uuid not null,
      family_id uuid not null,
      token_hash varchar(64) not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null)`);
    this.addSql(`create index refresh_tokens_family_idx on "user".refresh_tokens (family_id)`);
    this.addSql(`create index refresh_tokens_user_idx on "user".refresh_tokens (user_id)`);
    this.addSql(`create table "user".addresses (
      id uuid primary key,
      user_id uuid not null,
      first_name varchar(255) not null,
      last_name varchar(255) not null,
      company varchar(255),
      line1 varchar(255) not null,
      line2 varchar(255),
      city varchar(255) not null,
      postal_code varchar(32) not null,
      province varchar(255),
      country_code char(2) not null,
      phone varchar(64),
      is_default_shipping boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql(`create index addresses_user_idx on "user".addresses (user_id)`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table "user".addresses');
    this.addSql('drop table "user".refresh_tokens');
    this.addSql('drop table "user".users');
  }
}
