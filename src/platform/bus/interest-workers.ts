import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { INTEREST_CHANNEL, Interest } from './interest.ts';

type ListenHandle = Awaited<ReturnType<NonNullable<Db['listen']>>>;

interface Worker {
  start: () => Promise<void>;
  running: boolean;
}

/**
 * Runs a pg-boss worker on an `onInterest` queue only while it has something to take: while its
 * consumer wants the queue's events, or while jobs are still in it. A queue nobody wants is then
 * not polled at all, where its worker used to fetch twice a second to find nothing (docs/adr/0125).
 *
 * - Started on a change this process made, once it has committed (`EventBus.applyInterest`), and
 *   on the change's notification in every process (LISTEN on the bus's database: delivered at
 *   commit, docs/adr/0139). A check every `checkEverySeconds` (10 s) is the safety net for a
 *   notification lost while the listening connection was down.
 * - Stopped only once the queue holds no queued or retrying job (pg-boss's `findJobs`, read
 *   fresh), after pg-boss has settled the batch in hand (`offWork` with `wait`).
 * - A job written after the stop (a publisher that still remembered the queue as interested) is
 *   seen in pg-boss's queue counts (refreshed by its monitor) at a later check and taken then.
 */
export class InterestWorkers {
  readonly #boss: PgBoss;
  readonly #log: Logger;
  readonly #db: Db;
  readonly #workers = new Map<string, Worker>();
  readonly #checkEveryMs: number;
  #timer: NodeJS.Timeout | undefined;
  #listening: Promise<ListenHandle | undefined> | undefined;
  #running: Promise<void> | undefined;
  #again = false;

  /** `db`: where the interest rows are read (the bus's own pool, outside any transaction) and changes heard. */
  constructor(boss: PgBoss, db: Db, log: Logger, checkEverySeconds = 10) {
    this.#boss = boss;
    this.#db = db;
    this.#log = log;
    this.#checkEveryMs = checkEverySeconds * 1000;
  }

  // A worker started from a request must not carry that request's async context (its trace, a
  // transaction's entity manager) into every batch it will ever handle: passes run in the context
  // the bus was made in, at boot.
  readonly #inBootContext = AsyncLocalStorage.bind((fn: () => Promise<void>) => fn());

  /** A conditional queue this process works; its worker starts at the next check if wanted. */
  add(queue: string, start: () => Promise<void>): void {
    this.#workers.set(queue, { start, running: false });
    if (!this.#timer) {
      this.#timer = setInterval(() => void this.check(), this.#checkEveryMs).unref();
      // (a reconnect checks too: a change may have been notified while the connection was down)
      this.#listening = this.#db
        .listen?.(
          INTEREST_CHANNEL,
          () => void this.check(),
          () => void this.check(),
        )
        .catch((err) => {
          this.#log.warn({ err }, 'listening for interest changes failed; checking every interval only');
          return undefined;
        });
    }
    void this.check();
  }

  /** The conditional queues whose worker is stopped now. */
  get stopped(): string[] {
    return [...this.#workers].filter(([, w]) => !w.running).map(([q]) => q);
  }

  /** No longer managed here (the bus stops its worker for good). */
  remove(queue: string): void {
    this.#workers.delete(queue);
  }

  /** Starts and stops workers as the queues' interest and contents say; calls made meanwhile run once after. */
  check(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const run = async (): Promise<void> => {
      do {
        this.#again = false;
        await this.#inBootContext(() => this.#pass()).catch((err) =>
          this.#log.warn({ err }, 'checking the conditional queues failed'),
        );
      } while (this.#again && this.#timer);
    };
    return (this.#running = run().finally(() => (this.#running = undefined)));
  }

  async #pass(): Promise<void> {
    if (!this.#timer) return; // (stopped)
    const queues = [...this.#workers.keys()];
    const read = Interest.rows(queues);
    const { rows } = await this.#db.executeSql(read.text, read.values);
    // (a queue without a row counts as interested, as for a publisher)
    const interested = new Map(rows.map((r: { queue: string; interested: boolean }) => [r.queue, r.interested]));
    const unwanted = queues.filter((q) => interested.get(q) === false);
    // (pg-boss's counts, as its monitor last took them: enough to notice leftovers of a stopped queue)
    const counts = new Map<string, number>();
    if (unwanted.some((q) => !this.#workers.get(q)!.running))
      for (const q of await this.#boss.getQueues(unwanted)) counts.set(q.name, q.queuedCount + q.activeCount);
    for (const [queue, worker] of this.#workers) {
      const wanted = interested.get(queue) !== false || (!worker.running && (counts.get(queue) ?? 0) > 0);
      if (wanted && !worker.running) {
        await worker.start();
        worker.running = true;
        this.#log.debug({ queue }, 'conditional queue worker started');
      } else if (!wanted && worker.running && !(await this.#boss.findJobs(queue, { queued: true })).length) {
        await this.#boss.offWork(queue, { wait: true });
        worker.running = false;
        this.#log.debug({ queue }, 'conditional queue worker stopped');
      }
    }
  }

  /** No more checks (the bus is stopping: pg-boss's stop ends the workers). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await (await this.#listening)?.close();
  }
}
