import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { isSettled, type OrderStatus } from '../domain/order-state.ts';
import { findOrder } from '../entities/order-store.ts';
import type { OrderRow } from '../entities/rows.ts';

/** How often a waiting request re-reads the order anyway (a notification can be lost on a reconnect). */
const RECHECK_MS = 1_000;

/** What the orders table's trigger says of a change: the new status, and whether a client secret is there. */
export interface StatusNote {
  status: string;
  clientSecret: boolean;
}

/**
 * Wakes checkout requests waiting for their order to settle (Prefer: wait). The orders table's
 * trigger notifies `order_status` with `id:status:0|1` on every status change, from whichever
 * process made it; the waiter re-reads the order when the change is worth it. No polling of the
 * database while nothing changes.
 */
export class OrderStatusWaiters {
  #waiting = new Map<string, Set<(note: StatusNote | null, row?: OrderRow) => void>>();
  #ready: Promise<unknown>;
  readonly #platform: Platform;

  constructor(platform: Platform) {
    this.#platform = platform;
    this.#ready = platform.listener.on('order_status', (payload) => {
      const [orderId, status, secret] = payload.split(':');
      this.changed(orderId, status ? { status, clientSecret: secret === '1' } : null); // (an older process sends the id alone)
    });
  }

  /**
   * An order's status changed (committed). The trigger's notification says so from any process;
   * a saga step in this process also says so right after its commit, sparing the shopper the
   * notification's trip through Postgres.
   */
  changed(orderId: string, note: StatusNote | null, row?: OrderRow): void {
    for (const wake of this.#waiting.get(orderId) ?? []) wake(note, row);
  }

  /**
   * Calls `read` until `settled` says yes or the deadline passes, re-reading only when the order
   * changed in a way `worth` accepts (or every RECHECK_MS). The watch starts before the first read,
   * so no change is missed. `known`, the order as its caller just wrote it, stands in for the first
   * read: no later change can have been announced before the watch began (the order's next step
   * is a bus hop away), and the recheck covers the rest. A change announced in this process
   * (`changed` with a row, from a saga step after its commit) is taken as the new value unread.
   */
  async until(
    orderId: string,
    deadline: number,
    read: () => Promise<OrderRow | undefined>,
    settled: (v: OrderRow | undefined) => boolean,
    worth: (note: StatusNote) => boolean = () => true,
    known?: OrderRow,
  ): Promise<OrderRow | undefined> {
    await this.#ready;
    let wake = () => {};
    let changed = false;
    let given: OrderRow | undefined;
    const signal = (note: StatusNote | null, row?: OrderRow) => {
      if (note && !worth(note)) return;
      changed = true;
      if (row !== undefined) given = row;
      wake();
    };
    const set = this.#waiting.get(orderId) ?? new Set();
    this.#waiting.set(orderId, set.add(signal));
    try {
      let value = known ?? (await read());
      while (!settled(value) && Date.now() < deadline) {
        if (!changed) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.min(RECHECK_MS, Math.max(0, deadline - Date.now())));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = () => {};
        }
        changed = false;
        // The row a saga step in this process handed over with its change, else a read.
        value = given ?? (await read());
        given = undefined;
      }
      return value;
    } finally {
      set.delete(signal);
      if (!set.size) this.#waiting.delete(orderId);
    }
  }
}

const settledRow = (o: OrderRow | undefined) => !o || isSettled(o.status, !!o.client_secret);

/**
 * The order once the saga has settled it (paid, failed, or waiting for the shopper), or as it
 * stands at the deadline. `placed`, the order as the checkout just wrote it, stands in for the first read.
 */
export function waitForSettledOrder(
  waiters: OrderStatusWaiters,
  em: () => EntityManager,
  orderId: string,
  deadline: number,
  placed?: OrderRow,
): Promise<OrderRow | undefined> {
  return waiters.until(
    orderId,
    deadline,
    () => findOrder(em(), orderId),
    settledRow,
    (note) => isSettled(note.status as OrderStatus, note.clientSecret),
    placed,
  );
}
