import type { EntityManager } from '../db/orm.ts';
import { query } from '../db/sql.ts';

/** How long a queue seen interested is written to without asking again (writing to it is always safe). */
const INTERESTED_FOR_MS = 30_000;

/** Notified (payload: the consumer) by a transaction that changed some interest, on its commit. */
export const INTEREST_CHANNEL = 'tessera_bus_interest';

/**
 * Queues whose consumer takes only the events it says it wants (`ConsumeOptions.onInterest`): one
 * row per queue in platform.bus_interest. A publisher reads the rows of its event's queues in its
 * own transaction with `for key share`; the consumer changes them under `for update`, which waits
 * for those publishers and makes later ones wait for its commit and then read the new value. So
 * an event whose transaction commits after the consumer's change committed is written to the
 * queue: nothing is lost for an interest that exists when the event commits. Only "not
 * interested" is ever trusted from a read; "interested" is remembered for a while (an event the
 * consumer no longer wants costs a job, nothing more).
 */
export class Interest {
  readonly #conditional = new Set<string>();
  readonly #interestedUntil = new Map<string, number>();

  /**
   * Marks these queues conditional and gives the statement that makes their rows. A queue that
   * existed before starts interested (its consumer may have wanted its events, it narrows them at
   * its start); one created by this declaration starts not interested: nobody can have asked yet.
   */
  conditional(queues: string[], existed: string[]): { text: string; values: unknown[] } | undefined {
    for (const q of queues) this.#conditional.add(q);
    if (!queues.length) return undefined;
    return {
      text: `insert into platform.bus_interest (queue, interested) select q, q = any($2::text[]) from unnest($1::text[]) q
             on conflict do nothing`,
      values: [queues, queues.filter((q) => existed.includes(q))],
    };
  }

  /** The statement that reads these queues' rows without a lock (a worker's view: interest-workers.ts). */
  static rows(queues: string[]): { text: string; values: unknown[] } {
    return {
      text: 'select queue, interested from platform.bus_interest where queue = any($1::text[])',
      values: [queues],
    };
  }

  /**
   * The queues of `queues` the event must be written to, read in the publisher's transaction. The
   * read locks the conditional rows of the consumers asked, in queue order, as `update` does, up to
   * the last one asked (not the ones after it, which this publish does not need): a transaction that
   * publishes a second event later holds every row before the first one's already, so it never
   * waits for a change while holding a row the change waits for (no deadlock, docs/adr/0105
   * "Later", 0136). The order is Postgres's (its collation), so the bound is computed there.
   */
  async filter(em: EntityManager, queues: string[]): Promise<string[]> {
    const now = Date.now();
    const ask = queues.filter((q) => this.#conditional.has(q) && !((this.#interestedUntil.get(q) ?? 0) > now));
    if (!ask.length) return queues;
    const consumers = new Set(ask.map(consumerOf));
    const rows = await query<{ queue: string; interested: boolean }>(
      em,
      `select queue, interested from platform.bus_interest where queue = any($1::text[])
          and queue <= (select max(queue) from platform.bus_interest where queue = any($2::text[]))
        order by queue for key share`,
      [[...this.#conditional].filter((q) => consumers.has(consumerOf(q))).sort(), ask],
    );
    const not = new Set<string>();
    for (const r of rows) {
      if (r.interested) this.#interestedUntil.set(r.queue, now + INTERESTED_FOR_MS);
      else not.add(r.queue);
    }
    // (a queue without a row: declared by a newer process a moment ago; written to, to be safe)
    return queues.filter((q) => !not.has(q));
  }

  /**
   * Sets which of the consumer's conditional queues get events, inside the caller's transaction:
   * locks them first, then asks `wanted` (so it reads what every earlier change committed) and
   * writes the answer. Concurrent changes of one consumer run one after the other.
   */
  async update(em: EntityManager, consumer: string, wanted: () => Promise<string[]>): Promise<void> {
    const queues = [...this.#conditional].filter((q) => consumerOf(q) === consumer).sort();
    if (!queues.length) return;
    await query(em, 'select queue from platform.bus_interest where queue = any($1::text[]) order by queue for update', [
      queues,
    ]);
    const want = new Set((await wanted()).map((event) => `${consumer}/${event}`));
    const on = queues.filter((q) => want.has(q));
    // A change also notifies INTEREST_CHANNEL, delivered when it commits: every process's workers
    // follow it at once instead of at their next check (interest-workers.ts).
    await query(
      em,
      `with changed as (
         insert into platform.bus_interest (queue, interested) select q, q = any($2::text[]) from unnest($1::text[]) q
         on conflict (queue) do update set interested = excluded.interested
         where bus_interest.interested is distinct from excluded.interested
         returning queue)
       select pg_notify($3, $4) from (select 1 from changed limit 1) c`,
      [queues, on, INTEREST_CHANNEL, consumer],
    );
    for (const q of queues) if (!want.has(q)) this.#interestedUntil.delete(q);
  }
}

/** The consumer a queue belongs to (queues are named `<consumer>/<event>`). */
const consumerOf = (queue: string) => queue.slice(0, queue.indexOf('/'));
