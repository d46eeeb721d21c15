import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PromotionCodeChanged } from '../../pricing/contract.ts';
import { writePromotionCode } from '../entities/projection-store.ts';

/** Codes are kept upper case: a shopper's code matches whatever case it is typed in. */
export const onPromotionCodeChanged: Handler<PayloadOf<typeof PromotionCodeChanged>> = async (
  { em },
  { payload: c },
) => {
  await writePromotionCode(em, {
    code: c.code.toUpperCase(),
    promotion_id: c.promotionId,
    name: c.name,
    active: c.active,
    starts_at: c.startsAt,
    ends_at: c.endsAt,
    once_per_customer: c.oncePerCustomer,
    min_subtotal: c.minSubtotal,
    version: c.version,
  });
};
