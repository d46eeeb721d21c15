import type { Config } from './schema.ts';

type PaymentSettings = Pick<Config, 'NODE_ENV' | 'PAYMENT_TEST_PROVIDER'>;

/**
 * Whether the `test` payment provider (which "authorizes" made-up tokens) may take orders: always
 * outside production; in production only when PAYMENT_TEST_PROVIDER=on says so on purpose. Every
 * process reads the same two settings, so the order module refuses such a checkout with a 400
 * and the payment module refuses to authorize it, without asking each other.
 */
export const testPaymentsAllowed = (config: PaymentSettings) =>
  config.NODE_ENV !== 'production' || config.PAYMENT_TEST_PROVIDER === 'on';

/** Settings that work but that an operator must know about (logged at start, listed on /ready). */
export function configWarnings(config: PaymentSettings): string[] {
  return config.NODE_ENV === 'production' && config.PAYMENT_TEST_PROVIDER === 'on'
    ? ['PAYMENT_TEST_PROVIDER=on in production: test tokens confirm orders that nobody paid for']
    : [];
}
