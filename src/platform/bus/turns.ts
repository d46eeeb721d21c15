import type { Foreground } from '../host/foreground.ts';
import { busMetrics } from './metrics.ts';

export interface TurnsOptions {
  /** The requests in hand (host/foreground.ts). */
  foreground: Foreground;
  /** A queue is behind when the job it just took had been runnable this long, with more waiting. */
  behindMs: number;
  /** How many batches run at once while behind and requests are in hand. */
  whileBehind: number;
}

/**
 * Shoppers first, when the bus is behind. Every queue's worker takes its batches here. Normally
 * they all run at once. But when the saga cannot keep up (some queue's worker took a job that had
 * waited over `behindMs` and more wait behind it, a backlog seconds deep in a burst of checkouts)
 * while requests are being worked on, at most `whileBehind` batches run at once and the others
 * wait their turn, first come first served.
 *
 * On two cores, a saga running flat out on every queue took most of the CPU from the requests
 * that place the orders: the checkout call's p50 went from 6 ms alone to 15 ms beside it (8
 * clients). One batch at a time while behind brings it to 8 ms, and the backlog drains about as
 * fast (one transaction at a time wastes less CPU on contention). Without a backlog (a shopper
 * waiting for their order), or without requests in hand, nothing waits.
 *
 * The wait is measured by the database's clock, from when a job could run (pg-boss's start_after:
 * the publishing transaction's start, or the end of a delay or retry backoff). A queue whose
 * retries or delayed jobs its poll found late can count as behind until it drains, a moment. A
 * queue stops counting when a batch finds nothing more behind its jobs, when its worker looks and
 * finds nothing, or when its batch fails for want of a database.
 */
/** One queue's side of the turns: its batches take their turn; its findings say whether it is behind. */
export interface QueueTurns {
  take<T>(batch: () => Promise<T>): Promise<T>;
  /** What its batch or its look found (see Turns.report); a no-op for a queue that never counts. */
  report(waitedMs: number, more: boolean): void;
}

export class Turns {
  #running = 0;
  #waiting: (() => void)[] = [];
  /** Per queue: how long its last job had waited, while more waited behind it (else 0). */
  #lag = new Map<string, number>();
  #behind = 0;
  #stopped = false;
  readonly #opts: TurnsOptions;

  constructor(opts: TurnsOptions) {
    this.#opts = opts;
    opts.foreground.onIdle(() => this.#release());
  }

  /** Runs a batch now, or once its turn comes (see above). */
  async take<T>(batch: () => Promise<T>): Promise<T> {
    if (this.#mustWait()) {
      busMetrics.turnsWaited.inc();
      await new Promise<void>((go) => this.#waiting.push(go)); // (woken with its slot counted)
    } else this.#running++;
    try {
      return await batch();
    } finally {
      this.#running--;
      this.#release();
    }
  }

  /**
   * `queue`'s side. A queue that lags by design (a background queue, polled) takes turns but never
   * counts as behind.
   */
  forQueue(queue: string, counts: boolean): QueueTurns {
    return {
      take: (batch) => this.take(batch),
      report: counts ? (ms, more) => this.report(queue, ms, more) : () => {},
    };
  }

  /**
   * What a queue's batch found: how long its oldest job had been runnable, and whether more wait
   * behind it. A queue that drained (nothing more) is no longer behind.
   */
  report(queue: string, waitedMs: number, more: boolean): void {
    const lag = more ? waitedMs : 0;
    const was = this.#lag.get(queue) ?? 0;
    if (lag === was) return;
    this.#lag.set(queue, lag);
    // (the count of queues behind, kept as it changes: every batch asks)
    this.#behind += Number(lag > this.#opts.behindMs) - Number(was > this.#opts.behindMs);
    busMetrics.queuesBehind.set(this.#behind);
    if (!this.#behind) this.#release();
  }

  /** The bus stops: no batch waits any more. */
  stop(): void {
    this.#stopped = true;
    this.#release();
  }

  /** Whether any queue is behind. */
  get behind(): boolean {
    return this.#behind > 0;
  }

  #mustWait(): boolean {
    return !this.#stopped && this.#running >= this.#opts.whileBehind && this.#behind > 0 && this.#opts.foreground.busy;
  }

  #release(): void {
    while (this.#waiting.length && !this.#mustWait()) {
      this.#running++;
      this.#waiting.shift()!();
    }
  }
}
