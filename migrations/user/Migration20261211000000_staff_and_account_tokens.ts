import { Migration } from '@mikro-orm/migrations';
import { builtInRoles } from '../../src/platform/auth/permissions.ts';

// Fixed ids for the built-in roles, so every database names them alike.
const roles = [
  { id: '0193e000-0000-7000-8000-000000000001', name: 'owner', permissions: builtInRoles.owner },
  { id: '0193e000-0000-7000-8000-000000000002', name: 'manager', permissions: builtInRoles.manager },
  { id: '0193e000-0000-7000-8000-000000000003', name: 'fulfilment', permissions: builtInRoles.fulfilment },
  { id: '0193e000-0000-7000-8000-000000000004', name: 'support', permissions: builtInRoles.support },
];
const ownerId = roles[0].id;
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Staff leave the customers' table: staff members, roles made of permissions (the four built-in
 * ones seeded here) and the single-use tokens of invites, password resets and email checks.
 * Existing `role = 'admin'` users become active owners, keeping their id, password and sessions.
 */
export class Migration20261211000000_staff_and_account_tokens extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "user".staff_members (
      id uuid primary key,
      email varchar(320) not null constraint staff_members_email_key unique,
      password_hash text,
      first_name varchar(255),
      last_name varchar(255),
      status text not null default 'invited' check (status in ('invited', 'active', 'deactivated')),
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql(`create table "user".roles (
      id uuid primary key,
      name varchar(64) not null constraint roles_name_key unique,
      description varchar(255),
      permissions text[] not null,
      built_in boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql(`create table "user".staff_roles (
      staff_id uuid not null,
      role_id uuid not null,
      primary key (staff_id, role_id))`);
    this.addSql(`create index staff_roles_role_idx on "user".staff_roles (role_id)`);
    this.addSql(`create table "user".account_tokens (
      id uuid primary key,
      purpose text not null check (purpose in ('invite', 'password_reset', 'email_verification')),
      account_kind text not null check (account_kind in ('customer', 'staff')),
      account_id uuid not null,
      token_hash varchar(64) not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null)`);
    this.addSql(`create index account_tokens_account_idx on "user".account_tokens (account_id)`);
    this.addSql(`alter table "user".refresh_tokens add column account_kind text not null default 'customer'
      check (account_kind in ('customer', 'staff'))`);
    this.addSql(`alter table "user".users add column email_verified_at timestamptz`);
    // The permissions are synced from code at every start as well (see sync-built-in-roles.ts).
    for (const r of roles)
      this.addSql(`insert into "user".roles (id, name, description, permissions, built_in, created_at, updated_at)
        values (${quote(r.id)}, ${quote(r.name)}, ${quote(`Built-in ${r.name} role`)},
        array[${r.permissions.map(quote).join(', ')}]::text[], true, now(), now())`);
    this
      .addSql(`insert into "user".staff_members (id, email, password_hash, first_name, last_name, status, created_at, updated_at)
      select id, email, password_hash, first_name, last_name, 'active', created_at, updated_at from "user".users where role = 'admin'`);
    this.addSql(`insert into "user".staff_roles (staff_id, role_id)
      select id, '${ownerId}' from "user".users where role = 'admin'`);
    this.addSql(`update "user".refresh_tokens set account_kind = 'staff'
      where user_id in (select id from "user".users where role = 'admin')`);
    this.addSql(`delete from "user".users where role = 'admin'`);
    this.addSql(`alter table "user".users drop column role`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "user".users add column role text not null default 'customer' check (role in ('customer', 'admin'))`,
    );
    this
      .addSql(`insert into "user".users (id, email, password_hash, role, first_name, last_name, created_at, updated_at)
      select id, email, coalesce(password_hash, ''), 'admin', first_name, last_name, created_at, updated_at
      from "user".staff_members where status = 'active'`);
    this.addSql(`alter table "user".users drop column email_verified_at`);
    this.addSql(`alter table "user".refresh_tokens drop column account_kind`);
    this.addSql('drop table "user".account_tokens');
    this.addSql('drop table "user".staff_roles');
    this.addSql('drop table "user".roles');
    this.addSql('drop table "user".staff_members');
  }
}
