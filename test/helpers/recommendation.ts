// Shared setup of the recommendation tests: the module booted alone (with user, for tokens), with
// product, inventory and order played by publishing their events.
import { v7 as uuidv7 } from 'uuid';
import { StockChanged } from '../../src/modules/inventory/contract.ts';
import { OrderCanceled, OrderConfirmed } from '../../src/modules/order/contract.ts';
import { PaymentRefunded } from '../../src/modules/payment/contract.ts';
import { PriceChanged } from '../../src/modules/pricing/contract.ts';
import { ProductCreated, ProductDeleted } from '../../src/modules/product/contract.ts';
import type { EventDef, PayloadOf } from '../../src/platform/bus/event.ts';
import { eventually, startTestApp, type TestApp } from './app.ts';
import { confirmedOrder } from './review.ts';

export const startRecommendationApp = (modules = 'user,recommendation') => startTestApp({ MODULES: modules });

export function recommendationHelpers(app: () => TestApp) {
  /** Publishes as the owning module would and waits until the recommendation module has handled it. */
  const announce = async <E extends EventDef>(event: E, payload: PayloadOf<E>, producer: string) => {
    const a = app();
    const env = await a.platform.orm.em
      .fork()
      .transactional((em) => a.platform.bus.publish(em, event, payload, { producer }));
    await eventually(
      async () => (await a.db.query('select 1 from recommendation.inbox where event_id = $1', [env.id])).length > 0,
    );
    return env;
  };
  const sequences = new Map<string, number>();

  const stock = async (variantId: string, inStock: boolean) => {
    const sequence = (sequences.get(variantId) ?? 0) + 1;
    sequences.set(variantId, sequence);
    return announce(StockChanged, { variantId, available: inStock ? 5 : 0, inStock, sequence }, 'inventory');
  };

  const price = (variantId: string, amount: number | null, sequence: number) =>
    announce(
      PriceChanged,
      { variantId, currency: 'EUR', amount, originalAmount: null, taxInclusive: true, sequence },
      'pricing',
    );

  /** A published product with one variant in stock. */
  const product = async (
    opts: { categoryIds?: string[]; options?: Record<string, string>; inStock?: boolean; variantId?: string } = {},
  ) => {
    const productId = uuidv7();
    const variantId = opts.variantId ?? uuidv7();
    await announce(
      ProductCreated,
      {
        productId,
        version: 1,
        handle: `p-${productId.slice(-8)}`,
        title: 'Product',
        status: 'published',
        categoryIds: opts.categoryIds ?? [],
        collectionIds: [],
        thumbnail: null,
        variants: [
          { variantId, sku: `SKU-${productId.slice(-8)}`, title: 'V', options: opts.options ?? {}, weightGrams: 100 },
        ],
      },
      'product',
    );
    await stock(variantId, opts.inStock ?? true);
    return { productId, variantId };
  };

  /** A confirmed order holding these variants. */
  const order = async (variantIds: string[]) => {
    const base = confirmedOrder(uuidv7(), null, variantIds[0] ?? uuidv7());
    const line = base.lines[0];
    if (!line) throw new Error('no line');
    const lines = variantIds.map((variantId) => ({ ...line, lineId: uuidv7(), variantId }));
    return announce(OrderConfirmed, { ...base, lines }, 'order');
  };

  /** The order module cancels an order (as many times as asked: each is a distinct event). */
  const cancel = (orderId: string) =>
    announce(
      OrderCanceled,
      {
        orderId,
        displayId: `T-${orderId.slice(-6)}`,
        customerId: null,
        email: 'ada@example.com',
        reason: 'Canceled by staff',
        reasonCode: 'canceled_by_staff',
        reservationId: null,
        paymentId: null,
        canceledAt: new Date().toISOString(),
      },
      'order',
    );

  /** The payment module gives money back (the helper's orders total 1695 EUR minor units). */
  const refund = (orderId: string, amount: number, voided = false) =>
    announce(PaymentRefunded, { orderId, paymentId: uuidv7(), amount, currency: 'EUR', voided }, 'payment');

  const remove = (productId: string, variantIds: string[]) =>
    announce(ProductDeleted, { productId, version: 2, variantIds }, 'product');

  const forProduct = async (productId: string, kind: string, limit = 10): Promise<string[]> => {
    const res = await app().request('GET', `/store/products/${productId}/recommendations?kind=${kind}&limit=${limit}`);
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json().items.map((i: { productId: string }) => i.productId);
  };

  return { announce, stock, price, product, order, cancel, refund, remove, forProduct };
}
