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
