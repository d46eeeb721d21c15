// The order module cancels for reasons written for staff and logs ("payment_timeout",
// "reservation_failed: variant ... out of stock"). A shopper gets the gist in plain words, never
// the internals: an unknown reason falls back to a general sentence.

const rules: { test: RegExp; words: string }[] = [
  { test: /payment.*(time ?out|timed|expire|in time)|(time ?out|expire).*payment/i, words: 'we did not receive your payment in time' },
  { test: /payment|card|declin|insufficient.?funds|authori[sz]/i, words: 'your payment could not be completed' },
  { test: /stock|reserv|inventory|availab/i, words: 'an item in your order is no longer available' },
  { test: /pric|promotion|coupon|tax/i, words: 'we could not confirm the price of your order' },
  { test: /customer|shopper|requested|by.?user/i, words: 'you asked us to cancel it' },
  { test: /staff|admin|merchant|manual/i, words: 'our team had to cancel it' },
  { test: /shipping|address|deliver/i, words: 'we cannot deliver to the address given' },
];

/** Why an order was canceled, as a clause that follows "We canceled your order because". */
export function shopperReason(reason: string): string {
  return rules.find((r) => r.test.test(reason))?.words ?? 'we were unable to complete it';
}
