// Checkout on one page: contact, address, shipping option (priced for the country), promotion
// code, payment. The Idempotency-Key is drawn when the page renders, so a double submit or a
// reload after a lost answer places one order, not two.
import { html } from '../html.ts';
import { formatMoney } from '../money.ts';
import type { Address, Cart, ShippingOption } from '../types.ts';
import { errorBox } from '../layout.ts';
import { addressFields, countries } from './address-fields.ts';

export interface CheckoutInput {
  cart: Cart;
  country: string;
  options: ShippingOption[];
  signedIn: boolean;
  address?: Partial<Address>;
  email?: string;
  idempotencyKey: string;
  stripe: boolean;
  error?: string;
}

const testCards = [
  ['tok_success', 'Test card: approved'],
  ['tok_declined', 'Test card: declined'],
] as const;

export function checkoutPage(c: CheckoutInput) {
  const money = (n: number) => formatMoney(n, c.cart.currency);
  return html`<h1>Checkout</h1>${errorBox(c.error)}
<form method="get" action="/checkout" class="field">
  <label for="ship-country">Ship to</label>
  <select id="ship-country" name="country">${countries.map(([code, name]) => html`<option value="${code}"${code === c.country ? html` selected` : ''}>${name}</option>`)}</select>
  <button type="submit" class="secondary">Show shipping options</button>
</form>
<form method="post" action="/cart/promotion" class="field">
  <label for="code">Promotion code</label>
  <input id="code" name="code" value="${c.cart.promotionCode ?? ''}" autocomplete="off">
  <input type="hidden" name="back" value="/checkout?country=${c.country}">
  <button type="submit" class="secondary">Apply</button>
</form>
<form method="post" action="/checkout">
  <input type="hidden" name="idempotencyKey" value="${c.idempotencyKey}">
  ${
    c.signedIn
      ? ''
      : html`<fieldset><legend>Contact</legend><div class="field"><label for="email">Email</label><input id="email" name="email" type="email" required autocomplete="email" value="${c.email ?? ''}"></div></fieldset>`
  }
  <fieldset><legend>Shipping address</legend>${addressFields(c.address, c.country)}</fieldset>
  <fieldset><legend>Shipping method</legend>
  ${
    c.options.length
      ? c.options.map(
          (o, i) =>
            html`<div><input type="radio" id="ship-${o.id}" name="shippingOptionId" value="${o.id}" required${i === 0 ? html` checked` : ''}><label for="ship-${o.id}">${o.name}: ${formatMoney(o.amount, o.currency)}</label></div>`,
        )
      : html`<p>We do not ship this cart to that country.</p>`
  }
  </fieldset>
  <fieldset><legend>Payment</legend>
  ${
    c.stripe
      ? html`<input type="hidden" name="provider" value="stripe"><p>You will enter your card details on the next step (Stripe).</p>`
      : html`<input type="hidden" name="provider" value="test">${testCards.map(
          ([token, label], i) =>
            html`<div><input type="radio" id="pay-${token}" name="token" value="${token}"${i === 0 ? html` checked` : ''}><label for="pay-${token}">${label}</label></div>`,
        )}`
  }
  </fieldset>
  <p>Items: ${money(c.cart.subtotal)}${c.cart.promotionCode ? html` · code ${c.cart.promotionCode} applied` : ''}. Discounts, shipping and tax are added when the order is placed.</p>
  <button type="submit"${c.options.length ? '' : html` disabled`}>Place order</button>
</form>`;
}
