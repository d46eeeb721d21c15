import type { Platform } from '../../../platform/host/platform.ts';
import { ProductViewed } from '../contract.ts';

/**
 * A product view, as an event: one row per subscribed queue (analytics' own, worked in the
 * background; recommendation's, should it subscribe) in one short transaction.
 */
export async function recordStorefrontEvent(
  platform: Platform,
  view: { productId: string; customerId: string | null; sessionId: string | null },
): Promise<void> {
  await platform.orm.em
    .fork()
    .transactional((tx) =>
      platform.bus.publish(
        tx,
        ProductViewed,
        { ...view, viewedAt: new Date().toISOString() },
        { producer: 'analytics' },
      ),
    );
}
