// With Stripe configured, the card is entered in Stripe's Payment Element (Stripe.js from
// js.stripe.com, as Stripe requires for PCI scope); Stripe then returns to /checkout/stripe-return.
import { html } from '../html.ts';

export function stripePaymentPage(publishableKey: string, clientSecret: string, orderUrl: string) {
  const [path, query] = orderUrl.split('?');
  const orderId = path!.split('/').pop()!;
  const back = `/checkout/stripe-return?order=${orderId}${query ? `&${query}` : ''}`;
  return html`<h1>Payment</h1>
<form id="stripe-form" data-key="${publishableKey}" data-secret="${clientSecret}" data-return="${back}">
  <div id="payment-element"></div>
  <p id="stripe-error" class="error" role="alert" hidden></p>
  <button type="submit">Pay</button>
</form>
<script src="https://js.stripe.com/v3/"></script>
<script src="/assets/stripe.js" defer></script>`;
}
