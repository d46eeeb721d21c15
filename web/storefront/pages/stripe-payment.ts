// With Stripe configured, the card is entered in Stripe's Payment Element (Stripe.js from
// js.stripe.com, as Stripe requires for PCI scope); Stripe then returns to /checkout/stripe-return.
import { html } from '../html.ts';
import { formatMoney } from '../money.ts';
import type { Order } from '../types.ts';

export function stripePaymentPage(publishableKey: string, order: Order, orderUrl: string) {
  const [path, query] = orderUrl.split('?');
  const orderId = path!.split('/').pop()!;
  const back = `/checkout/stripe-return?order=${orderId}${query ? `&${query}` : ''}`;
  const total = typeof order.totals?.total === 'number' ? formatMoney(order.totals.total, order.currency) : '';
  return html`<h1>Payment</h1>
<p>Order <strong>${order.displayId}</strong>${total ? html`: ${total} to pay` : ''}.</p>
<form id="stripe-form" data-key="${publishableKey}" data-secret="${order.clientSecret ?? ''}" data-return="${back}">
  <div id="payment-element"></div>
  <p id="stripe-error" class="error" role="alert" hidden></p>
  <noscript><p class="error">Paying by card needs JavaScript (Stripe's card form).</p></noscript>
  <button type="submit" disabled>Pay</button>
</form>
<script src="https://js.stripe.com/v3/"></script>
<script src="/assets/stripe.js" defer></script>`;
}
