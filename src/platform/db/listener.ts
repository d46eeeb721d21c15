import pg from 'pg';
import type { Logger } from 'pino';

type Handler = (payload: string) => void;

/**
 * One LISTEN connection per process for Postgres notifications sent by modules (a trigger's
 * `pg_notify`, delivered when the writing transaction commits). Used to wake a waiting request at
 * once instead of polling the database. Notifications are a hint, not a queue: one sent while the
 * connection is down is lost, so every waiter also re-checks on a timer.
 */
export class Listener {
  #url: string;
  #log: Logger;
  #handlers = new Map<string, Set<Handler>>();
  #client: pg.Client | undefined;
  #connecting: Promise<void> | undefined;
  #closed = false;

  constructor(url: string, log: Logger) {
    this.#url = url;
    this.#log = log;
  }

  /** Calls `fn` with each notification's payload on `channel`; returns the unsubscribe. */
  async on(channel: string, fn: Handler): Promise<() => void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    let set = this.#handlers.get(channel);
    if (!set) {
      this.#handlers.set(channel, (set = new Set()));
      await this.#connect();
      await this.#client?.query(`listen ${channel}`);
    }
    set.add(fn);
    return () => set.delete(fn);
  }

  #connect(): Promise<void> {
    if (this.#client || this.#closed) return Promise.resolve();
    return (this.#connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.#url, application_name: 'tessera-listener' });
      client.on('notification', (n) => {
        for (const fn of this.#handlers.get(n.channel) ?? []) fn(n.payload ?? '');
      });
      client.on('error', (err) => {
        this.#log.warn({ err }, 'notification connection lost; reconnecting');
        this.#client = undefined;
        client.end().catch(() => {});
        setTimeout(
          () => this.#connect().catch((e) => this.#log.warn({ err: e }, 'notification reconnect failed')),
          1000,
        ).unref();
      });
      await client.connect();
      for (const channel of this.#handlers.keys()) await client.query(`listen ${channel}`);
      this.#client = client;
    })().finally(() => {
      this.#connecting = undefined;
    }));
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#client?.end().catch(() => {});
    this.#client = undefined;
  }
}
