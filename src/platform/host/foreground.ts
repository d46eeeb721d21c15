import { AsyncLocalStorage } from 'node:async_hooks';

/** One request in this process: worked on, parked on a wait, or gone (answered, or its client hung up). */
export interface Presence {
  state: 'working' | 'parked' | 'gone';
  /** It is over; again changes nothing. */
  leave(): void;
}

/**
 * The requests this process is working on right now: what the bus yields to when it is behind
 * (bus/turns.ts). A request parked on a wait (a checkout waiting for its saga to settle) uses no
 * CPU meanwhile and does not count: it waits for the very work that would yield to it.
 */
export class Foreground {
  #working = 0;
  #onIdle: (() => void)[] = [];
  /** The request whose continuation is running (see within), for `parked`. */
  #current = new AsyncLocalStorage<Presence>();

  /** Whether any request is being worked on. */
  get busy(): boolean {
    return this.#working > 0;
  }

  /** A request starts; its `leave` ends it, however often and in whatever state it is called. */
  enter(): Presence {
    this.#working++;
    const presence: Presence = {
      state: 'working',
      leave: () => {
        if (presence.state === 'working') this.#less();
        presence.state = 'gone';
      },
    };
    return presence;
  }

  /** Runs `next`, the rest of the request's work, as `presence`'s (so that `parked` finds it). */
  within(presence: Presence, next: () => void): void {
    this.#current.run(presence, next);
  }

  /**
   * Runs `wait` with the current request parked: not counted while it waits. Outside a request,
   * or for one already gone (its client hung up), it only runs `wait`.
   */
  async parked<T>(wait: () => Promise<T>): Promise<T> {
    const presence = this.#current.getStore();
    if (presence?.state !== 'working') return wait();
    presence.state = 'parked';
    this.#less();
    try {
      return await wait();
    } finally {
      if (presence.state === 'parked') {
        presence.state = 'working';
        this.#working++;
      }
    }
  }

  /** Calls `fn` each time the last request in hand ends or parks. */
  onIdle(fn: () => void): void {
    this.#onIdle.push(fn);
  }

  #less(): void {
    if (--this.#working === 0) for (const fn of this.#onIdle) fn();
  }
}
