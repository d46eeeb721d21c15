// Shared setup of the review tests: an app hosting review (and user, for tokens), with the order,
// shipping and product modules played by publishing their events.
import { v7 as uuidv7 } from 'uuid';
import { OrderConfirmed } from '../../src/modules/order/contract.ts';
import { ProductCreated } from '../../src/modules/product/contract.ts';
import { ReviewRatingChanged } from '../../src/modules/review/contract.ts';
import { ShipmentDelivered } from '../../src/modules/shipping/contract.ts';
import type { EventDef, PayloadOf } from '../../src/platform/bus/event.ts';
import { eventually, startTestApp, type TestApp } from './app.ts';
import { staffToken } from './staff.ts';

export interface ReviewContext {
  app: TestApp;
  moderator: string;
  /** A subscriber of our own to review.rating_changed.v1, never worked: its jobs are the events published. */
  probe: string;
}

export async function startReviewApp(modules = 'user,review'): Promise<ReviewContext> {
  const app = await startTestApp({ MODULES: modules });
  const moderator = await staffToken(app, ['reviews:moderate']);
  const probe = await app.platform.bus.declare('probe', ReviewRatingChanged.name);
  return { app, moderator, probe };
}

export function reviewHelpers(ctx: () => ReviewContext) {
  /** Publishes as the owning module would and waits until the review module has handled it. */
  const announce = async <E extends EventDef>(event: E, payload: PayloadOf<E>, producer: string) => {
    const { app } = ctx();
    const env = await app.platform.orm.em
      .fork()
      .transactional((em) => app.platform.bus.publish(em, event, payload, { producer }));
    await eventually(
      async () => (await app.db.query('select 1 from review.inbox where event_id = $1', [env.id])).length > 0,
    );
    return env;
  };

  const customer = async () => {
    const id = uuidv7();
    const token = await ctx().app.platform.tokens.sign({ kind: 'customer', sub: id, email: `c.${id}@example.com` });
    return { id, token };
  };

  /** A product with one variant, as the product module announces it. */
  const product = async () => {
    const productId = uuidv7();
    const variantId = uuidv7();
    await announce(
      ProductCreated,
      {
        productId,
        version: 1,
        handle: `mug-${productId.slice(-8)}`,
        title: 'Mug',
        status: 'published',
        categoryIds: [],
        collectionIds: [],
        thumbnail: null,
        variants: [{ variantId, sku: `MUG-${productId.slice(-8)}`, title: 'Mug', options: {}, weightGrams: 300 }],
      },
      'product',
    );
    return { productId, variantId };
  };

  /** The customer's order of the variant is confirmed (and, unless told otherwise, delivered). */
  const buy = async (customerId: string, variantId: string, { delivered = true } = {}) => {
    const orderId = uuidv7();
    await announce(OrderConfirmed, confirmedOrder(orderId, customerId, variantId), 'order');
    if (delivered)
      await announce(
        ShipmentDelivered,
        { shipmentId: uuidv7(), orderId, deliveredAt: new Date().toISOString() },
        'shipping',
      );
    return orderId;
  };

  const review = (productId: string, token: string, body: Record<string, unknown>) =>
    ctx().app.request('POST', `/store/products/${productId}/reviews`, { token, body });

  const moderate = (id: string, action: 'publish' | 'reject', reason?: string) =>
    ctx().app.request('POST', `/admin/reviews/${id}/${action}`, {
      token: ctx().moderator,
      ...(action === 'reject' ? { body: { reason: reason ?? 'off topic' } } : {}),
    });

  const ratingEvents = async (productId: string) =>
    (
      await ctx().app.db.query(`select data->'payload' as p from pgboss.job where name = $1 order by created_on, id`, [
        ctx().probe,
      ])
    )
      .map((r) => r.p)
      .filter((p) => p.productId === productId);

  /** A published review of a new product by a verified buyer; returns its ids. */
  const publishedReview = async (productId: string, variantId: string, rating: number) => {
    const c = await customer();
    await buy(c.id, variantId);
    const res = await review(productId, c.token, { rating, title: `${rating} stars`, body: 'as described' });
    if (res.statusCode !== 201) throw new Error(`review failed: ${res.statusCode} ${res.body}`);
    const published = await moderate(res.json().id, 'publish');
    if (published.statusCode !== 200) throw new Error(`publish failed: ${published.statusCode} ${published.body}`);
    return { id: res.json().id as string, customer: c };
  };

  return { announce, customer, product, buy, review, moderate, ratingEvents, publishedReview };
}

export const confirmedOrder = (
  orderId: string,
  customerId: string | null,
  variantId: string,
): PayloadOf<typeof OrderConfirmed> => ({
  orderId,
  displayId: `T-${orderId.slice(-6)}`,
  customerId,
  email: 'ada@example.com',
  currency: 'EUR',
  lines: [
    {
      lineId: uuidv7(),
      variantId,
      sku: 'MUG-1',
      title: 'Mug',
      quantity: 1,
      unitPrice: 1200,
      discount: 0,
      tax: 228,
      total: 1200,
    },
  ],
  totals: { subtotal: 1200, discount: 0, shipping: 495, tax: 228, total: 1695 },
  shippingAddress: {
    firstName: 'Ada',
    lastName: 'Lovelace',
    line1: '12 St James Sq',
    city: 'London',
    postalCode: 'SW1Y 4JH',
    countryCode: 'GB',
  },
  shippingOptionId: uuidv7(),
  paymentId: uuidv7(),
  confirmedAt: new Date().toISOString(),
});
