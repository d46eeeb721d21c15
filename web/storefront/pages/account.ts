// Account pages: sign in / sign up when signed out; profile, addresses and orders when signed in.
import { html } from '../html.ts';
import { formatMoney } from '../money.ts';
import type { Address, Customer, Order } from '../types.ts';
import { errorBox, noticeBox } from '../layout.ts';
import { addressFields } from './address-fields.ts';
import { orderStatus } from './order.ts';

const passwordHint = 'At least 10 characters, not a common password.';

export function signInPage(error?: string, notice?: string) {
  return html`<h1>Your account</h1>${errorBox(error)}${noticeBox(notice)}
<div class="layout">
<section aria-labelledby="signin-h"><h2 id="signin-h">Sign in</h2>
<form method="post" action="/account/sign-in">
  <div class="field"><label for="si-email">Email</label><input id="si-email" name="email" type="email" required autocomplete="email"></div>
  <div class="field"><label for="si-password">Password</label><input id="si-password" name="password" type="password" required autocomplete="current-password"></div>
  <button type="submit">Sign in</button>
</form>
<p><a href="/account/password-reset">Forgot your password?</a></p>
</section>
<section aria-labelledby="signup-h"><h2 id="signup-h">New here? Create an account</h2>
<form method="post" action="/account/sign-up">
  <div class="field"><label for="su-first">First name</label><input id="su-first" name="firstName" autocomplete="given-name"></div>
  <div class="field"><label for="su-email">Email</label><input id="su-email" name="email" type="email" required autocomplete="email"></div>
  <div class="field"><label for="su-password">Password</label><input id="su-password" name="password" type="password" required autocomplete="new-password" aria-describedby="su-hint">
  <small id="su-hint">${passwordHint}</small></div>
  <button type="submit">Create account</button>
</form>
</section>
</div>`;
}

export function resetRequestPage(notice?: string, error?: string) {
  return html`<h1>Reset your password</h1>${errorBox(error)}${noticeBox(notice)}
<form method="post" action="/account/password-reset">
  <div class="field"><label for="rr-email">Email</label><input id="rr-email" name="email" type="email" required autocomplete="email"></div>
  <button type="submit">Send me a link</button>
</form>`;
}

export function resetConfirmPage(token: string, error?: string) {
  return html`<h1>Choose a new password</h1>${errorBox(error)}
<form method="post" action="/reset-password">
  <input type="hidden" name="token" value="${token}">
  <div class="field"><label for="rc-password">New password</label><input id="rc-password" name="password" type="password" required autocomplete="new-password" aria-describedby="rc-hint"><small id="rc-hint">${passwordHint}</small></div>
  <button type="submit">Set password</button>
</form>`;
}

export interface AccountInput {
  customer: Customer;
  addresses: Address[];
  orders: Order[];
  tracking: Map<
    string,
    { carrier: string | null; trackingNumber: string | null; trackingUrl: string | null; status: string }[]
  >;
  error?: string;
  notice?: string;
}

export function accountPage(a: AccountInput) {
  return html`<h1>Hello${a.customer.firstName ? `, ${a.customer.firstName}` : ''}</h1>${errorBox(a.error)}${noticeBox(a.notice)}
<p>Signed in as ${a.customer.email}.</p>
<form method="post" action="/account/sign-out"><button type="submit" class="secondary">Sign out</button></form>
<section aria-labelledby="orders-h"><h2 id="orders-h">Your orders</h2>
${
  a.orders.length
    ? html`<table><caption class="visually-hidden">Orders</caption><thead><tr><th scope="col">Order</th><th scope="col">Placed</th><th scope="col">Status</th><th scope="col">Total</th><th scope="col">Tracking</th></tr></thead><tbody>
${a.orders.map((o) => {
  const shipments = a.tracking.get(o.id) ?? [];
  return html`<tr><td><a href="/orders/${o.id}">${o.displayId}</a></td><td>${o.createdAt.slice(0, 10)}</td><td>${orderStatus(o.status)}</td>
<td>${o.totals?.total !== undefined ? formatMoney(o.totals.total, o.currency) : ''}</td>
<td>${shipments.filter((s) => s.trackingNumber).map((s) => (s.trackingUrl ? html`<a href="${s.trackingUrl}">${s.trackingNumber}</a> ` : html`${s.trackingNumber} `))}</td></tr>`;
})}</tbody></table>`
    : html`<p>No orders yet.</p>`
}
</section>
<section aria-labelledby="addr-h"><h2 id="addr-h">Addresses</h2>
<ul>${a.addresses.map(
    (ad) => html`<li>${ad.firstName} ${ad.lastName}, ${ad.line1}, ${ad.postalCode} ${ad.city}, ${ad.countryCode}
<form method="post" action="/account/addresses/${ad.id}/remove" style="display:inline"><button type="submit" class="secondary" aria-label="Remove address ${ad.line1}">Remove</button></form></li>`,
  )}</ul>
<form method="post" action="/account/addresses"><fieldset><legend>Add an address</legend>${addressFields()}<button type="submit">Save address</button></fieldset></form>
</section>`;
}
