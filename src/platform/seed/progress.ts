import type { Logger } from 'pino';

/**
 * How far the demo seed is, for the person watching and for /ready: a bar redrawn in place on a
 * terminal, a log line per step otherwise (a bar's carriage returns would garble a log file).
 */
export class SeedProgress {
  done = 0;
  readonly total: number;
  running = true;
  private readonly log?: Logger;
  private readonly out?: NodeJS.WriteStream;

  constructor(total: number, opts: { log?: Logger; out?: NodeJS.WriteStream } = {}) {
    this.total = total;
    this.log = opts.log;
    this.out = opts.out?.isTTY ? opts.out : undefined;
  }

  start() {
    this.show();
  }

  get percent(): number {
    return Math.floor((100 * this.done) / this.total);
  }

  advance(products: number) {
    this.done = Math.min(this.total, this.done + products);
    this.show();
  }

  finish() {
    this.running = false;
    if (this.out) this.out.write('\n');
  }

  private show() {
    const line = `seeding the demo shop: ${this.done} of ${this.total} products (${this.percent} %)`;
    if (!this.out) return this.log?.info(line);
    const width = 30;
    const full = Math.round((width * this.done) / this.total);
    this.out.write(
      `\r  seeding the demo shop [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${this.percent} %, ${this.done}/${this.total} products `,
    );
  }
}
