import type { Platform } from '../../../platform/host/platform.ts';
import type { ProviderName } from '../domain/payment-state.ts';
import type { PaymentProvider } from './payment-provider.ts';
import { StripeProvider } from './stripe-provider.ts';
import { TestProvider } from './test-provider.ts';

/** The providers a process can use: the test provider always, Stripe when it has a key. */
export interface Providers {
  test: TestProvider;
  stripe: StripeProvider | null;
  /** The provider for a payment, or why it cannot be used here. */
  providerFor(name: ProviderName): PaymentProvider | { unavailable: string };
}

export function createProviders(
  config: Pick<Platform['config'], 'NODE_ENV' | 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET' | 'STRIPE_API_URL'>,
): Providers {
  const test = new TestProvider();
  const stripe = config.STRIPE_SECRET_KEY
    ? new StripeProvider({
        secretKey: config.STRIPE_SECRET_KEY,
        webhookSecret: config.STRIPE_WEBHOOK_SECRET,
        apiUrl: config.STRIPE_API_URL,
      })
    : null;
  // A real shop (production with Stripe) must not take "tok_success" for money.
  const testAllowed = config.NODE_ENV !== 'production' || !stripe;
  return {
    test,
    stripe,
    providerFor: (name) => {
      if (name === 'test')
        return testAllowed
          ? test
          : { unavailable: 'the test provider is disabled in production when Stripe is configured' };
      return stripe ?? { unavailable: 'Stripe is not configured (STRIPE_SECRET_KEY)' };
    },
  };
}
