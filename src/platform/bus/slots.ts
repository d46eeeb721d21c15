/** At most `size` batches at once in this process; the others wait their turn, first come first served. */
export class Slots {
  #free: number;
  #waiting: (() => void)[] = [];
  #busy = 0;

  constructor(size: number) {
    if (!(Number.isInteger(size) && size > 0)) throw new Error(`bad concurrency ${size}`);
    this.#free = size;
  }

  /** Batches running now. */
  get busy(): number {
    return this.#busy;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((go) => this.#waiting.push(go)); // (woken with the slot handed over)
    this.#busy++;
    try {
      return await work();
    } finally {
      this.#busy--;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}
