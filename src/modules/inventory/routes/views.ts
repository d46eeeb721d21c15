import type { StockLocation } from '../entities/location.entity.ts';
import type { AdjustmentRecord } from '../use-cases/adjust-stock.ts';

export const locationView = (l: StockLocation) => ({
  id: l.id,
  code: l.code,
  name: l.name,
  countryCode: l.countryCode ?? null,
  isDefault: l.isDefault,
  createdAt: l.createdAt.toISOString(),
  updatedAt: l.updatedAt.toISOString(),
});

export const adjustmentView = (a: AdjustmentRecord) => ({
  id: a.id,
  variantId: a.variantId,
  locationId: a.locationId,
  kind: a.kind,
  reason: a.reason,
  note: a.note ?? null,
  delta: a.delta,
  onHandBefore: a.onHandBefore,
  onHandAfter: a.onHandAfter,
  reserved: a.reserved,
  staffId: a.staffId ?? null,
  reservationId: a.reservationId ?? null,
  createdAt: new Date(a.createdAt).toISOString(),
});
