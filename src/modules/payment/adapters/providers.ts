import type { Platform } from '../../../platform/host/platform.ts';
import { testPaymentsAllowed } from '../../../platform/config/payment.ts';
import type { ProviderName } from '../domain/payment-state.ts';
import type { PaymentProvider } from './payment-provider.ts';
import { StripeProvider } from './stripe-provider.ts';
import { TestProvider } from './test-provider.ts';

/** The providers a process can use: the test provider outside production (or when forced on), Stripe when it has a key. */
export interface Providers {
  test: TestProvider;
  stripe: StripeProvider | null;
  /** The provider for a payment, or why it cannot be used here. */
  providerFor(name: ProviderName): PaymentProvider | { unavailable: string };
}

export function createProviders(
  config: Pick<
    Platform['config'],
    'NODE_ENV' | 'PAYMENT_TEST_PROVIDER' | 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET' | 'STRIPE_API_URL'
  >,
): Providers {
  const test = new TestProvider();
  const stripe = config.STRIPE_SECRET_KEY
    ? new StripeProvider({
        secretKey: config.STRIPE_SECRET_KEY,
        webhookSecret: config.STRIPE_WEBHOOK_SECRET,
        apiUrl: config.STRIPE_API_URL,
      })
    : null;
  // A real shop must not take "tok_success" for money: in production the test provider is off
  // unless PAYMENT_TEST_PROVIDER=on (Stripe or not), so a default container confirms no unpaid order.
  const testAllowed = testPaymentsAllowed(config);
  return {
    test,
    stripe,
    providerFor: (name) => {
      if (name === 'test')
        return testAllowed
          ? test
          : { unavailable: 'the test provider is off in production (PAYMENT_TEST_PROVIDER=on turns it on)' };
      return stripe ?? { unavailable: 'Stripe is not configured (STRIPE_SECRET_KEY)' };
    },
  };
}
