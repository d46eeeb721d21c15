// A browser context for the storefront's Stripe path in which nothing leaves the loopback: every
// request to another host is aborted, except Stripe.js (https://js.stripe.com/v3/), which is
// answered with a small test double of it. The double of Stripe.js mounts a plain card field and
// confirms the PaymentIntent in the local Stripe double (test/fixtures/stripe-double) through a
// page binding, as the real script would through Stripe's API, then sends the shopper to
// `return_url` with Stripe's parameters.
import type { Browser, BrowserContext } from 'playwright-core';
import { TEST_PAYMENT_METHODS, type StripeDouble } from '../fixtures/stripe-double/index.ts';

export const STRIPE_JS_URL = 'https://js.stripe.com/v3/';

/** Stripe's test card numbers, as the double's test PaymentMethods. */
export const TEST_CARDS = {
  visa: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
} as const;

/** What the fake Stripe.js saw from the page, read back by the test. */
export interface StripeJsSeen {
  key: string | null;
  clientSecret: string | null;
  mounted: string | null;
  returnUrl: string | null;
}

/** The source of the Stripe.js double; it refuses any publishable key but `publishableKey`. */
function fakeStripeJs(publishableKey: string) {
  const cards = {
    [TEST_CARDS.visa.replace(/ /g, '')]: TEST_PAYMENT_METHODS.visa,
    [TEST_CARDS.declined.replace(/ /g, '')]: TEST_PAYMENT_METHODS.declined,
  };
  return `(function () {
  var expectedKey = ${JSON.stringify(publishableKey)};
  var cards = ${JSON.stringify(cards)};
  var seen = (window.__stripeJsSeen = { key: null, clientSecret: null, mounted: null, returnUrl: null });
  window.Stripe = function (key) {
    if (key !== expectedKey) throw new Error('Stripe.js (double): unexpected publishable key ' + key);
    seen.key = key;
    var input = null;
    var theElements = null;
    return {
      elements: function (opts) {
        var secret = opts && opts.clientSecret;
        if (!/^pi_[A-Za-z0-9]+_secret_[A-Za-z0-9]+$/.test(secret || ''))
          throw new Error('Stripe.js (double): elements() needs the PaymentIntent client secret');
        seen.clientSecret = secret;
        theElements = {
          create: function (type) {
            if (type !== 'payment') throw new Error('Stripe.js (double): only the Payment Element');
            return {
              mount: function (selector) {
                var host = document.querySelector(selector);
                if (!host) throw new Error('Stripe.js (double): nothing matches ' + selector);
                host.innerHTML =
                  '<label for="stripe-card-number">Card number</label>' +
                  '<input id="stripe-card-number" inputmode="numeric" autocomplete="cc-number">';
                input = host.querySelector('input');
                seen.mounted = selector;
              },
            };
          },
        };
        return theElements;
      },
      confirmPayment: function (opts) {
        var returnUrl = opts && opts.confirmParams && opts.confirmParams.return_url;
        if (!opts || opts.elements !== theElements || !input)
          return Promise.reject(new Error('Stripe.js (double): confirmPayment() needs the mounted elements'));
        if (!/^https?:\\/\\//.test(returnUrl || ''))
          return Promise.reject(new Error('Stripe.js (double): confirmParams.return_url must be an absolute URL'));
        seen.returnUrl = returnUrl;
        var pm = cards[input.value.replace(/\\s/g, '')];
        if (!pm)
          return Promise.resolve({ error: { type: 'validation_error', message: 'Your card number is invalid.' } });
        return window.stripeDoubleConfirm(seen.clientSecret, pm).then(function (intent) {
          if (intent.status === 'requires_payment_method' || intent.status === 'canceled') {
            var e = intent.last_payment_error || { message: 'The payment failed.' };
            return { error: { type: 'card_error', code: e.code, decline_code: e.decline_code, message: e.message } };
          }
          // As Stripe: back to return_url with the intent; the promise never settles as the page leaves.
          var url = new URL(returnUrl);
          url.searchParams.set('payment_intent', intent.id);
          url.searchParams.set('payment_intent_client_secret', seen.clientSecret);
          url.searchParams.set('redirect_status', 'succeeded');
          location.assign(url.href);
          return new Promise(function () {});
        });
      },
    };
  };
})();
`;
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A context whose pages reach only the loopback and the Stripe.js double (unless `stripeJs` is
 * false: then js.stripe.com is blocked too, as a content blocker would). `blocked` lists every
 * request it aborted, so a test can say that none was tried.
 */
export async function stripeBrowserContext(
  browser: Browser,
  baseUrl: string,
  stripe: StripeDouble,
  publishableKey: string,
  opts: { stripeJs?: boolean } = {},
): Promise<{ context: BrowserContext; blocked: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const blocked: string[] = [];
  const script = fakeStripeJs(publishableKey);
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.href === STRIPE_JS_URL && opts.stripeJs !== false)
      return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: script });
    if ((url.protocol === 'http:' || url.protocol === 'https:') && loopback.has(url.hostname)) return route.fallback();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  // What Stripe.js asks of Stripe's API with the client secret: confirm the intent with the card.
  await context.exposeBinding('stripeDoubleConfirm', (_source, clientSecret: string, paymentMethod: string) => {
    const id = clientSecret.split('_secret_')[0]!;
    const intent = stripe.intents.get(id);
    if (!intent || intent.client_secret !== clientSecret) throw new Error('No such payment_intent');
    return stripe.confirmAsShopper(id, paymentMethod);
  });
  return { context, blocked };
}
