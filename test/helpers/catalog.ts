import { PriceChanged } from '../../src/modules/pricing/contract.ts';
import { StockChanged } from '../../src/modules/inventory/contract.ts';
import { publishAs, type TestApp } from './app.ts';

let sequence = 1000;

/** Publishes a price event as the pricing module would, for tests of the product module alone. */
export async function announcePrice(
  app: TestApp,
  variantId: string,
  currency: 'EUR' | 'USD',
  amount: number | null,
  originalAmount = amount,
  seq = ++sequence,
) {
  await publishAs(app, 'pricing', PriceChanged, {
    variantId,
    currency,
    amount,
    originalAmount,
    taxInclusive: currency === 'EUR',
    sequence: seq,
  });
}

/** Publishes a stock event as the inventory module would. */
export async function announceStock(app: TestApp, variantId: string, available: number, seq = ++sequence) {
  await publishAs(app, 'inventory', StockChanged, { variantId, available, inStock: available > 0, sequence: seq });
}

let skuCounter = 0;
export const sku = (tag = 'SKU') => `${tag}-${Date.now().toString(36)}-${++skuCounter}`;

/** Creates products in batches through the admin API and prices each first variant: what a paging test needs. */
export async function createPricedBatches(
  app: TestApp,
  token: string,
  batches: Record<string, unknown>[][],
  amount: number,
): Promise<any[]> {
  const made: any[] = [];
  for (const products of batches) {
    const res = await app.request('POST', '/admin/products/batch', { token, body: { products } });
    if (res.statusCode !== 201) throw new Error(`batch create: ${res.statusCode} ${res.body}`);
    made.push(...res.json().products);
  }
  for (const p of made) await announcePrice(app, p.variants[0].id, 'EUR', amount);
  return made;
}
