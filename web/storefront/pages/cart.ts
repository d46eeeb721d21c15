import { html } from '../html.ts';
import { formatMoney } from '../money.ts';
import type { Cart } from '../types.ts';
import { errorBox, noticeBox } from '../layout.ts';

export function cartPage(cart: Cart | undefined, error?: string, notice?: string) {
  if (!cart || !cart.lines.length)
    return html`<h1>Your cart</h1>${errorBox(error)}${noticeBox(notice)}<p>Your cart is empty. <a href="/">Continue shopping</a></p>`;
  const money = (n: number) => formatMoney(n, cart.currency);
  return html`<h1>Your cart</h1>${errorBox(error)}${noticeBox(notice)}
<table><caption class="visually-hidden">Items in your cart</caption>
<thead><tr><th scope="col">Item</th><th scope="col">Price</th><th scope="col">Quantity</th><th scope="col">Total</th><th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead>
<tbody>${cart.lines.map(
    (l) => html`<tr><td>${l.title}${l.sellable ? '' : html` <span class="stock-out">(no longer available)</span>`}</td>
<td>${l.unitPrice === null ? '–' : money(l.unitPrice)}</td>
<td><form method="post" action="/cart/lines/${l.id}"><label for="q-${l.id}" class="visually-hidden">Quantity of ${l.title}</label>
<input id="q-${l.id}" name="quantity" type="number" min="1" max="99" value="${l.quantity}"> <button type="submit" class="secondary">Update</button></form></td>
<td>${l.lineTotal === null ? '–' : money(l.lineTotal)}</td>
<td><form method="post" action="/cart/lines/${l.id}/remove"><button type="submit" class="secondary" aria-label="Remove ${l.title}">Remove</button></form></td></tr>`,
  )}</tbody></table>
<form method="post" action="/cart/promotion" class="field">
  <label for="code">Promotion code</label>
  <input id="code" name="code" value="${cart.promotionCode ?? ''}" autocomplete="off">
  <button type="submit" class="secondary">Apply</button>
</form>
${cart.promotionCode ? html`<p>Code <strong>${cart.promotionCode}</strong> applied; the discount shows at checkout.</p>` : ''}
<p>Subtotal: <strong>${money(cart.subtotal)}</strong></p>
<p><a class="button" href="/checkout">Check out</a></p>`;
}
