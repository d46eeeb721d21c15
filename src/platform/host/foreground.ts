/**
 * The requests this process is working on right now: what the bus yields to when it is behind
 * (bus/turns.ts). A request parked on a wait (a checkout waiting for its saga to settle) uses no
 * CPU meanwhile and does not count: it waits for the very work that would yield to it.
 */
export class Foreground {
  #working = 0;
  #onIdle: (() => void)[] = [];

  /** Whether any request is being worked on. */
  get busy(): boolean {
    return this.#working > 0;
  }

  /** A request starts; the function returned ends it (once, however often it is called). */
  enter(): () => void {
    this.#working++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#leave();
    };
  }

  /** Runs `wait` with the request it belongs to parked: not counted while it waits. */
  async parked<T>(wait: () => Promise<T>): Promise<T> {
    this.#leave();
    try {
      return await wait();
    } finally {
      this.#working++;
    }
  }

  /** Calls `fn` each time the last request in hand ends. */
  onIdle(fn: () => void): void {
    this.#onIdle.push(fn);
  }

  #leave(): void {
    if (--this.#working === 0) for (const fn of this.#onIdle) fn();
  }
}
