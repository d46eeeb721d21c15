import { allowedActions } from '../domain/shipment-status.ts';
import type { Shipment } from '../entities/shipment.entity.ts';
import type { ShippingOption } from '../entities/shipping-option.entity.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export const optionView = (o: ShippingOption) => ({
  id: o.id,
  code: o.code,
  name: o.name,
  active: o.active,
  countries: [...o.countries],
  rates: o.rates,
  trackingUrlTemplate: o.trackingUrlTemplate ?? null,
  version: o.version,
  retiredAt: iso(o.retiredAt),
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
});

export const shipmentView = (s: Shipment) => ({
  id: s.id,
  orderId: s.orderId,
  displayId: s.displayId,
  customerId: s.customerId ?? null,
  email: s.email,
  status: s.status,
  // What staff can do next; cancel has no route (it follows the order's cancellation).
  actions: allowedActions(s.status).filter((a) => a !== 'cancel'),
  option: { id: s.optionId, code: s.optionCode ?? null, name: s.optionName ?? null },
  address: s.address,
  lines: s.lines,
  carrier: s.carrier ?? null,
  trackingNumber: s.trackingNumber ?? null,
  trackingUrl: s.trackingUrl ?? null,
  cancelReason: s.cancelReason ?? null,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
  shippedAt: iso(s.shippedAt),
  deliveredAt: iso(s.deliveredAt),
  canceledAt: iso(s.canceledAt),
});
