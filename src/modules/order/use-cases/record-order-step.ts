import type { HandlerContext } from '../../../platform/bus/index.ts';
import type { OrderStatus } from '../domain/order-state.ts';
import { updateOrder, type OrderChanges } from '../entities/order-store.ts';
import type { OrderRow } from '../entities/rows.ts';
import type { TimelineEntryIn } from '../entities/timeline-store.ts';
import { orderModule } from '../runtime.ts';

/**
 * What a step writes with: its transaction and a publish through it (a handler's, or a staff
 * request's), and where to put work for after the commit, if it has such a place.
 */
export type StepContext = Pick<HandlerContext, 'em' | 'publish'> & Partial<Pick<HandlerContext, 'afterCommit'>>;

/**
 * Writes a step's changes to the locked order, its new status if it has one, and its timeline
 * notes, in one statement; `o` is brought up to date with them.
 */
export async function recordOrderStep(
  ctx: StepContext,
  o: OrderRow,
  changes: OrderChanges,
  status?: OrderStatus,
  notes: TimelineEntryIn[] = [],
) {
  const at = new Date();
  await updateOrder(ctx.em, o.id, changes, at, status, notes);
  Object.assign(o, changes, { updated_at: at }, status ? { status } : {});
  if (!status) return;
  const { waiters } = orderModule();
  // A shopper waiting on this order in this process hears of it as soon as it commits, with the
  // row as it now stands: no read before the answer.
  const note = { status, clientSecret: !!o.client_secret };
  const row = { ...o };
  ctx.afterCommit?.(() => Promise.resolve(waiters.changed(o.id, note, row)));
}

/** A business counter moves once the step has committed (a handler retried after a failed commit counts once). */
export function counted(ctx: StepContext, count: () => void): void {
  if (ctx.afterCommit) ctx.afterCommit(async () => count());
  else count();
}
