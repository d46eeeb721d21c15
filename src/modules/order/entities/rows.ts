import type { Address } from '../contract.ts';
import type { OrderStatus } from '../domain/order-state.ts';
import type { OrderLineRecord, OrderTotalsRecord, PaymentMethodRecord } from './order.entity.ts';

// Rows as typed SQL reads return them (snake_case; bigint columns arrive as strings).

export interface CartRow {
  id: string;
  customer_id: string | null;
  currency: string;
  email: string | null;
  promotion_code: string | null;
  shipping_option_id: string | null;
  country_code: string | null;
  status: 'active' | 'converted' | 'merged';
  created_at: Date | string;
  updated_at: Date | string;
}

/** A cart with its row version (`xmin`), for a write that lands only if the cart is unchanged. */
export type VersionedCart = CartRow & { version: string };

/** A cart line joined to the projections (the variant may be gone: its columns are then null). */
export interface CartLineRow {
  id: string;
  variant_id: string;
  quantity: number;
  sku: string | null;
  title: string | null;
  sellable: boolean;
  weight_grams: number;
  amount: string | number | null;
  available: number;
}

export interface OrderRow {
  id: string;
  display_id: string;
  cart_id: string;
  customer_id: string | null;
  email: string;
  currency: string;
  status: OrderStatus;
  lines: OrderLineRecord[];
  totals: OrderTotalsRecord | null;
  shipping_address: Address;
  shipping_option_id: string;
  shipping_amount: string | number;
  promotion_code: string | null;
  payment_method: PaymentMethodRecord;
  priced: boolean;
  reservation_id: string | null;
  payment_id: string | null;
  client_secret: string | null;
  refunded_amount: string | number;
  cancel_reason: string | null;
  guest_token_hash: string | null;
  created_at: Date;
  updated_at: Date;
  confirmed_at: Date | null;
  canceled_at: Date | null;
  fulfilled_at: Date | null;
}

export interface PromotionCodeRow {
  active: boolean;
  starts_at: Date | null;
  ends_at: Date | null;
  once_per_customer: boolean;
}
