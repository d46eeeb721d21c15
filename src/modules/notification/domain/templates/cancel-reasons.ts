// order.canceled says why twice: a code (reasonCode) and words written for staff and logs
// ("out of stock: variant ... "). A shopper gets the gist in plain words, never the internals: by
// the code, or for an event from before codes, by matching the words; an unknown reason falls
// back to a general sentence.
import type { CancelCode } from '../../../order/contract.ts';

const byCode: Record<CancelCode, string> = {
  payment_timeout: 'we did not receive your payment in time',
  checkout_timeout: 'we could not complete your checkout in time',
  payment_failed: 'your payment could not be completed',
  out_of_stock: 'an item in your order is no longer available',
  pricing_failed: 'we could not confirm the price of your order',
  canceled_by_staff: 'our team had to cancel it',
  compensation: 'we were unable to complete it',
};

const rules: { test: RegExp; words: string }[] = [
  {
    test: /payment.*(time ?out|timed|expire|in time)|(time ?out|expire).*payment/i,
    words: 'we did not receive your payment in time',
  },
  { test: /payment|card|declin|insufficient.?funds|authori[sz]/i, words: 'your payment could not be completed' },
  { test: /stock|reserv|inventory|availab/i, words: 'an item in your order is no longer available' },
  { test: /pric|promotion|coupon|tax/i, words: 'we could not confirm the price of your order' },
  { test: /customer|shopper|requested|by.?user/i, words: 'you asked us to cancel it' },
  { test: /staff|admin|merchant|manual/i, words: 'our team had to cancel it' },
  { test: /shipping|address|deliver/i, words: 'we cannot deliver to the address given' },
];

/** Why an order was canceled, as a clause that follows "We canceled your order because". */
export function shopperReason(reason: string, code?: CancelCode): string {
  if (code) return byCode[code];
  return rules.find((r) => r.test.test(reason))?.words ?? 'we were unable to complete it';
}
