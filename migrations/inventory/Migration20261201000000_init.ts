import { Migration } from '@mikro-orm/migrations';
import { v7 as uuidv7 } from 'uuid';

export class Migration20261201000000_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table inventory.stock_locations (
      id uuid primary key,
      code varchar(64) not null,
      name varchar(200) not null,
      country_code char(2),
      is_default boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    // Codes are compared case-insensitively: "WH-1" and "wh-1" are one location.
    this.addSql('create unique index stock_locations_code_key on inventory.stock_locations (lower(code))');
    this.addSql(
      'create unique index stock_locations_one_default on inventory.stock_locations (is_default) where is_default',
    );
    // New variants get their stock record here; staff can rename it, never delete it.
    this.addSql(
      `insert into inventory.stock_locations (id, code, name, is_default) values ('${uuidv7()}', 'default', 'Default location', true)`,
    );

    // Projection of the product module's catalog: only what stock needs. A product row is also the
    // tombstone that keeps a late, older snapshot from resurrecting a deleted product.
    this.addSql(`create table inventory.products (
      product_id uuid primary key,
      version integer not null check (version >= 1),
      deleted_at timestamptz,
      updated_at timestamptz not null default now())`);
    this.addSql(`create table inventory.variants (
      variant_id uuid primary key,
      product_id uuid not null,
      sku text not null,
      title text not null,
      sequence integer not null default 0 check (sequence >= 0),
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    this.addSql('create index variants_product_idx on inventory.variants (product_id)');

    this.addSql(`create table inventory.stock_levels (
      variant_id uuid not null references inventory.variants (variant_id),
      location_id uuid not null references inventory.stock_locations (id),
      on_hand integer not null default 0,
      reserved integer not null default 0,
      updated_at timestamptz not null default now(),
      primary key (variant_id, location_id),
      constraint stock_levels_on_hand_not_negative check (on_hand >= 0),
      constraint stock_levels_on_hand_bounded check (on_hand <= 1000000000),
      constraint stock_levels_reserved_not_negative check (reserved >= 0),
      constraint stock_levels_reserved_within_on_hand check (reserved <= on_hand))`);
    this.addSql('create index stock_levels_location_idx on inventory.stock_levels (location_id)');

    // The on-hand ledger: staff adjustments and shipments (reservation commits). No foreign key to
    // the location, so the history outlives a location that was closed.
    this.addSql(`create table inventory.adjustments (
      id uuid primary key,
      variant_id uuid not null references inventory.variants (variant_id),
      location_id uuid not null,
      kind text not null check (kind in ('adjustment', 'set', 'commit')),
      reason text not null check (reason in ('received', 'correction', 'damaged', 'returned', 'cycle_count', 'other', 'shipped')),
      note varchar(500),
      delta integer not null,
      on_hand_before integer not null,
      on_hand_after integer not null,
      reserved integer not null,
      staff_id uuid,
      reservation_id uuid,
      created_at timestamptz not null default now(),
      constraint adjustments_delta_adds_up check (on_hand_after = on_hand_before + delta),
      constraint adjustments_commit_has_reservation check ((kind = 'commit') = (reservation_id is not null)),
      constraint adjustments_staff_unless_commit check ((kind = 'commit') or staff_id is not null))`);
    this.addSql('create index adjustments_variant_idx on inventory.adjustments (variant_id, id desc)');

    this.addSql(`create table inventory.reservations (
      id uuid primary key,
      reference varchar(200) not null,
      status text not null check (status in ('reserved', 'released', 'committed')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      released_at timestamptz,
      committed_at timestamptz)`);
    // One reservation per reference (an order id): reserving it again returns the first one.
    this.addSql('create unique index reservations_reference_key on inventory.reservations (reference)');
    this.addSql(`create table inventory.reservation_lines (
      reservation_id uuid not null references inventory.reservations (id),
      variant_id uuid not null references inventory.variants (variant_id),
      location_id uuid not null,
      quantity integer not null check (quantity > 0),
      primary key (reservation_id, variant_id, location_id))`);
    this.addSql('create index reservation_lines_variant_idx on inventory.reservation_lines (variant_id)');
  }

  override async down(): Promise<void> {
    for (const t of [
      'reservation_lines',
      'reservations',
      'adjustments',
      'stock_levels',
      'variants',
      'products',
      'stock_locations',
    ]) {
      this.addSql(`drop table inventory.${t}`);
    }
  }
}
