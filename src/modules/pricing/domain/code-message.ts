import { CURRENCIES, type Currency } from '../contract.ts';
import type { PromotionRule, RejectReason } from './types.ts';

export function formatMoney(amount: number, currency: Currency): string {
  const exp = CURRENCIES[currency];
  return `${(amount / 10 ** exp).toFixed(exp)} ${currency}`;
}

/** Why a code was not applied, in words a storefront can show. */
export function codeMessage(reason: RejectReason, rule: PromotionRule | null, currency: Currency): string {
  switch (reason) {
    case 'unknown':
      return 'No promotion has this code';
    case 'not_started':
      return `This code is valid from ${rule?.startsAt?.toISOString()}`;
    case 'expired':
      return 'This code has expired';
    case 'limit_reached':
      return 'This code has been used up';
    case 'customer_required':
      return 'This code can be used once per customer: sign in to use it';
    case 'already_used':
      return 'You have already used this code';
    case 'minimum_not_met':
      return `This code needs an order subtotal of at least ${formatMoney(rule?.minSubtotal[currency] ?? 0, currency)}`;
    case 'not_applicable':
      return 'This code does not apply to the items in this order';
  }
}
