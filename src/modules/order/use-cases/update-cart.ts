import type { EntityManager } from '../../../platform/db/index.ts';
import { BadRequest } from '../../../platform/http/errors.ts';
import type { CustomerPrincipal } from '../../../platform/auth/principal.ts';
import { findPromotionCode, readShippingOptions, updateCartFields } from '../entities/cart-store.ts';
import { checkPromotionCode } from '../domain/cart-rules.ts';
import { openCart } from './open-cart.ts';
import { cartView } from './view-cart.ts';

export interface CartPatch {
  email?: string;
  shippingOptionId?: string | null;
  countryCode?: string | null;
  /** null takes the code off. */
  promotionCode?: string | null;
}

/** Sets the cart's email, shipping option, destination or promotion code (each checked first). */
export async function updateCart(
  em: EntityManager,
  cartId: string,
  user: CustomerPrincipal | undefined,
  patch: CartPatch,
) {
  const cart = await em.transactional(async (tx) => {
    const cart = await openCart(tx, cartId, user);
    if (patch.shippingOptionId) {
      const option = (await readShippingOptions(tx)).find((o) => o.optionId === patch.shippingOptionId && o.active);
      if (!option)
        throw new BadRequest(`unknown shipping option ${patch.shippingOptionId}`, {
          errors: [{ field: 'shippingOptionId', message: 'unknown or retired option' }],
        });
    }
    if (patch.promotionCode)
      checkPromotionCode(patch.promotionCode, await findPromotionCode(tx, patch.promotionCode), cart);
    if (Object.values(patch).every((v) => v === undefined)) return cart;
    return updateCartFields(tx, cartId, {
      email: patch.email,
      shipping_option_id: patch.shippingOptionId,
      country_code: patch.countryCode,
      promotion_code: patch.promotionCode === undefined ? undefined : (patch.promotionCode?.toUpperCase() ?? null),
    });
  });
  return cartView(em.fork(), cart);
}
