import type { StockLocation } from './location.entity.ts';

export const locationView = (l: StockLocation) => ({
  id: l.id,
  code: l.code,
  name: l.name,
  countryCode: l.countryCode ?? null,
  isDefault: l.isDefault,
  createdAt: l.createdAt.toISOString(),
  updatedAt: l.updatedAt.toISOString(),
});
