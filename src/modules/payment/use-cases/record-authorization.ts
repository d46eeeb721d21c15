import type { AuthorizationResult } from '../adapters/payment-provider.ts';
import { nextAction } from '../domain/payment-state.ts';
import { updatePayment, type PaymentRow } from '../entities/payments.ts';
import {
  markActionRequired,
  markAuthorized,
  markCaptured,
  markFailed,
  requireRelease,
  type PaymentTx,
} from './payment-transitions.ts';

/**
 * Records what an authorization call came to: whether that changed the payment, and whether the
 * payment now owes the provider nothing more (authorized, with no capture at once and no cancel
 * asked for meanwhile: the usual answer, on which the provider calls stop).
 */
export async function recordAuthorization(
  tx: PaymentTx,
  p: PaymentRow,
  result: AuthorizationResult,
): Promise<{ changed: boolean; owesNothing: boolean }> {
  const changed = (yes: boolean) => ({ changed: yes, owesNothing: false });
  if (p.status === 'failed' || p.status === 'voided') {
    // Given up while the call was under way (the order was canceled): undo what the provider did.
    if (result.kind === 'captured') return changed(await requireRelease(tx, p, 'refund', result.ref));
    if (result.kind !== 'failed') return changed(await requireRelease(tx, p, 'void', result.ref));
    return changed(false);
  }
  switch (result.kind) {
    case 'authorized': {
      const after = await markAuthorized(tx, p, result.ref);
      return { changed: !!after, owesNothing: !!after && !nextAction(after, []) };
    }
    case 'captured':
      return changed(await markCaptured(tx, p, result.ref));
    case 'failed':
      return changed(p.status === 'pending' ? await markFailed(tx, p, result.reason, result.ref) : false);
    case 'action_required':
      return changed(await markActionRequired(tx, p, result.ref, result.clientSecret));
    case 'processing':
      if (p.status !== 'pending' || p.providerRef) return changed(false);
      await updatePayment(tx.em, p.id, { providerRef: result.ref });
      return changed(true);
  }
}
