/**
 * Runs deliveries off the bus: a bus worker hands a claimed attempt over and is free at once, so a
 * slow receiver never holds a slot the checkout's events need. At most `concurrency()` requests run,
 * at most `perEndpoint()` to one endpoint; the rest wait in order here.
 */
export class Dispatcher {
  #running = 0;
  #perEndpoint = new Map<string, number>();
  #waiting: { endpointId: string; run: () => Promise<void> }[] = [];
  #idle: (() => void)[] = [];

  readonly #limits: () => { concurrency: number; perEndpoint: number };
  readonly #onError: (err: unknown) => void;

  constructor(limits: () => { concurrency: number; perEndpoint: number }, onError: (err: unknown) => void) {
    this.#limits = limits;
    this.#onError = onError;
  }

  submit(endpointId: string, run: () => Promise<void>): void {
    this.#waiting.push({ endpointId, run });
    this.#pump();
  }

  /** Resolves when nothing runs or waits (a clean stop). */
  idle(): Promise<void> {
    if (!this.#running && !this.#waiting.length) return Promise.resolve();
    return new Promise((r) => this.#idle.push(r));
  }

  #pump(): void {
    const { concurrency, perEndpoint } = this.#limits();
    for (let i = 0; i < this.#waiting.length && this.#running < concurrency;) {
      const job = this.#waiting[i];
      const busy = this.#perEndpoint.get(job.endpointId) ?? 0;
      if (busy >= perEndpoint) {
        i++;
        continue;
      }
      this.#waiting.splice(i, 1);
      this.#running++;
      this.#perEndpoint.set(job.endpointId, busy + 1);
      void job
        .run()
        .catch(this.#onError)
        .finally(() => {
          this.#running--;
          const left = (this.#perEndpoint.get(job.endpointId) ?? 1) - 1;
          if (left) this.#perEndpoint.set(job.endpointId, left);
          else this.#perEndpoint.delete(job.endpointId);
          if (!this.#running && !this.#waiting.length) for (const r of this.#idle.splice(0)) r();
          this.#pump();
        });
    }
  }
}
