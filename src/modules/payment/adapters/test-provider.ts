import { setTimeout as sleep } from 'node:timers/promises';
import {
  ProviderRefused,
  WebhookRejected,
  type AuthorizationResult,
  type AuthorizeInput,
  type MoneyCall,
  type RefundCall,
  type PaymentProvider,
  type ProviderEvent,
} from './payment-provider.ts';

/** The tokens the test provider understands (README.md). No token is no payment method: declined. */
export const TEST_TOKENS = {
  tok_success: 'authorized at once',
  tok_declined: 'declined (reason card_declined)',
  tok_insufficient_funds: 'declined (reason insufficient_funds)',
  tok_slow: 'authorized after 1.5 s',
  tok_unavailable: 'the first call per payment fails like a network error; asking again authorizes',
} as const;
export const SLOW_TOKEN_MS = 1_500;

interface Held {
  amount: number;
  status: 'authorized' | 'captured' | 'voided';
  captured: number;
  refunded: number;
}

export interface TestProviderCall {
  op: 'authorize' | 'capture' | 'void' | 'refund';
  key: string;
  ref: string | null;
  amount?: number;
}

/**
 * A payment provider in memory, for local runs and tests: no network, no keys. Idempotent by key
 * like a real one. Its memory dies with the process; a capture, void or refund of a payment it no
 * longer knows (the app restarted) is trusted, since the database is the record.
 */
export class TestProvider implements PaymentProvider {
  readonly name = 'test' as const;
  /** Every call made, in order (tests count them). */
  readonly calls: TestProviderCall[] = [];
  #answers = new Map<string, Promise<AuthorizationResult>>();
  #held = new Map<string, Held>();
  #done = new Set<string>();
  #unavailableOnce = new Set<string>();

  authorize(input: AuthorizeInput): Promise<AuthorizationResult> {
    this.calls.push({ op: 'authorize', key: input.idempotencyKey, ref: null, amount: input.amount });
    const token = input.token ?? 'none';
    if (token === 'tok_unavailable' && !this.#unavailableOnce.has(input.idempotencyKey)) {
      this.#unavailableOnce.add(input.idempotencyKey);
      return Promise.reject(new Error('test provider: connection reset (tok_unavailable)'));
    }
    // The same key gets the same answer, even while the first call is still under way.
    let answer = this.#answers.get(input.idempotencyKey);
    if (!answer) {
      answer = this.#decide(input, token);
      this.#answers.set(input.idempotencyKey, answer);
    }
    return answer;
  }

  async #decide(input: AuthorizeInput, token: string): Promise<AuthorizationResult> {
    const ref = `test_${input.paymentId}`;
    switch (token) {
      case 'tok_success':
      case 'tok_unavailable':
        break;
      case 'tok_slow':
        await sleep(SLOW_TOKEN_MS);
        break;
      case 'tok_declined':
        return { kind: 'failed', ref, reason: 'card_declined' };
      case 'tok_insufficient_funds':
        return { kind: 'failed', ref, reason: 'insufficient_funds' };
      case 'none':
        return { kind: 'failed', ref: null, reason: 'no_payment_method' };
      default:
        return { kind: 'failed', ref: null, reason: 'invalid_token' };
    }
    const captured = input.captureMethod === 'automatic';
    this.#held.set(ref, {
      amount: input.amount,
      status: captured ? 'captured' : 'authorized',
      captured: captured ? input.amount : 0,
      refunded: 0,
    });
    return { kind: captured ? 'captured' : 'authorized', ref };
  }

  async capture({ ref, amount, idempotencyKey }: MoneyCall): Promise<void> {
    this.calls.push({ op: 'capture', key: idempotencyKey, ref, amount });
    if (this.#done.has(idempotencyKey)) return;
    const held = this.#know(ref, amount);
    if (held.status !== 'authorized')
      throw new ProviderRefused('unexpected_state', `cannot capture a payment that is ${held.status}`);
    if (amount > held.amount)
      throw new ProviderRefused('amount_too_large', `cannot capture ${amount} of ${held.amount}`);
    Object.assign(held, { status: 'captured', captured: amount });
    this.#done.add(idempotencyKey);
  }

  async void({ ref, idempotencyKey }: { ref: string | null; idempotencyKey: string }): Promise<void> {
    this.calls.push({ op: 'void', key: idempotencyKey, ref });
    if (this.#done.has(idempotencyKey)) return;
    const held = this.#know(ref, 0);
    if (held.status === 'captured') throw new ProviderRefused('unexpected_state', 'cannot void a captured payment');
    held.status = 'voided';
    this.#done.add(idempotencyKey);
  }

  async refund(input: RefundCall): Promise<{ ref: string | null }> {
    this.calls.push({ op: 'refund', key: input.idempotencyKey, ref: input.ref, amount: input.amount });
    const ref = `test_re_${input.idempotencyKey}`;
    if (this.#done.has(input.idempotencyKey)) return { ref };
    const held = this.#know(input.ref, input.amount, 'captured');
    if (held.status !== 'captured')
      throw new ProviderRefused('unexpected_state', `cannot refund a payment that is ${held.status}`);
    if (input.amount > held.captured - held.refunded) {
      throw new ProviderRefused(
        'amount_too_large',
        `cannot refund ${input.amount}, ${held.captured - held.refunded} left`,
      );
    }
    held.refunded += input.amount;
    this.#done.add(input.idempotencyKey);
    return { ref };
  }

  parseWebhook(_rawBody: Buffer, _signature: string): ProviderEvent {
    throw new WebhookRejected('The test provider sends no webhooks');
  }

  /** A payment it holds; one it forgot (a restart) is taken on trust. */
  #know(ref: string | null, amount: number, status: Held['status'] = 'authorized'): Held {
    const key = ref ?? 'none';
    let held = this.#held.get(key);
    if (!held) {
      held = {
        amount: Math.max(amount, 0),
        status,
        captured: status === 'captured' ? Number.MAX_SAFE_INTEGER : 0,
        refunded: 0,
      };
      this.#held.set(key, held);
    }
    return held;
  }
}
