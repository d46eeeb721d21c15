export interface StockFact {
  variantId: string;
  available: number;
  inStock: boolean;
  sequence: number;
}

/**
 * A batch of stock events reduced to the newest per variant (by inventory's sequence), in variant
 * id order: the order its rows are then locked in, the same for every batch (docs/adr/0120).
 */
export function newestPerVariant(facts: StockFact[]): StockFact[] {
  const newest = new Map<string, StockFact>();
  for (const f of facts) {
    const held = newest.get(f.variantId);
    if (!held || held.sequence < f.sequence) newest.set(f.variantId, f);
  }
  return [...newest.values()].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
}
