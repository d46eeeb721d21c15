import type { Shortfall } from './insufficient-stock.ts';

/** What a location can give of one variant right now. */
export interface LocationStock {
  locationId: string;
  available: number;
  isDefault: boolean;
}

export interface Allocation {
  locationId: string;
  quantity: number;
}

/**
 * Splits a quantity of one variant across locations, or returns null when they hold too little
 * together. The default location ships the whole line when it can; otherwise the fewest locations
 * are used, largest stock first (fewer parcels), ties broken by location id so the result is stable.
 */
export function allocate(quantity: number, stock: LocationStock[]): Allocation[] | null {
  if (!Number.isInteger(quantity) || quantity <= 0)
    throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
  const usable = stock.filter((s) => s.available > 0);
  const total = usable.reduce((sum, s) => sum + s.available, 0);
  if (total < quantity) return null;
  const home = usable.find((s) => s.isDefault);
  if (home && home.available >= quantity) return [{ locationId: home.locationId, quantity }];
  const ordered = [...usable].sort(
    (a, b) =>
      b.available - a.available ||
      Number(b.isDefault) - Number(a.isDefault) ||
      (a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0),
  );
  const out: Allocation[] = [];
  let left = quantity;
  for (const s of ordered) {
    if (left === 0) break;
    const share = Math.min(left, s.available);
    out.push({ locationId: s.locationId, quantity: share });
    left -= share;
  }
  return out;
}

/** Lines of one variant count as one: two lines of 2 against a stock of 3 must fail, not pass twice. */
export function mergeLines(lines: { variantId: string; quantity: number }[]): Map<string, number> {
  const merged = new Map<string, number>();
  for (const l of lines) merged.set(l.variantId, (merged.get(l.variantId) ?? 0) + l.quantity);
  // Sorted by variant id: every transaction locks rows in this order, so two never deadlock.
  return new Map([...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** One variant's stock at one location, as a reservation reads it under lock. */
export interface LockedStock extends LocationStock {
  variantId: string;
}

export interface ReservationPlan {
  /** Where each variant's quantity is taken from. */
  allocations: (Allocation & { variantId: string })[];
  /** Every variant that cannot be covered (empty when the plan holds). */
  shortfalls: Shortfall[];
  /** What each variant has left to sell once the plan is applied. */
  availableAfter: Map<string, number>;
}

/** Allocates every wanted variant from the locked stock, or names every variant that falls short. */
export function planReservation(wanted: Map<string, number>, stock: LockedStock[]): ReservationPlan {
  const plan: ReservationPlan = { allocations: [], shortfalls: [], availableAfter: new Map() };
  for (const [variantId, quantity] of wanted) {
    const mine = stock.filter((s) => s.variantId === variantId);
    const total = mine.reduce((sum, s) => sum + s.available, 0);
    const allocations = allocate(quantity, mine);
    if (allocations) plan.allocations.push(...allocations.map((a) => ({ ...a, variantId })));
    else plan.shortfalls.push({ variantId, requested: quantity, available: total });
    plan.availableAfter.set(variantId, total - quantity);
  }
  return plan;
}
