import pg from 'pg';
import type { Db } from 'pg-boss';
import type { Logger } from 'pino';
import { StatementNames } from '../db/prepared.ts';

type ListenHandle = Awaited<ReturnType<NonNullable<Db['listen']>>>;

/**
 * The database pg-boss runs its own statements on (its documented `db` option): a pg pool whose
 * parameterised statements are prepared once per connection (pg's named queries), where pg-boss's
 * own pool sends each unnamed and Postgres plans it on every call. Its fetch, complete and insert
 * are the bus's hot path (docs/adr/0003-bus-prepared-statements.md has the figures). LISTEN runs on a
 * dedicated connection that reconnects with backoff, as pg-boss's own does.
 */
export class BusDatabase implements Db {
  readonly #pool: pg.Pool;
  readonly #names = new StatementNames('pgboss_');
  readonly #opts: { connectionString: string; log: Logger };

  constructor(opts: { connectionString: string; max: number; log: Logger }) {
    this.#opts = opts;
    this.#pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.max,
      application_name: 'tessera-bus',
      // pg-boss's fetch/insert/complete are the same few shapes on every hop: a generic plan made
      // once per connection instead of a custom plan per call (Postgres kept re-planning them).
      options: '-c plan_cache_mode=force_generic_plan',
    });
    this.#pool.on('error', (err) => opts.log.warn({ err }, 'bus pool connection lost'));
  }

  async executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> {
    // Several statements in one text (pg-boss's migrations, maintenance) need the simple protocol,
    // unprepared. Its fetch has no parameters (the queue name is written into the text) but is one
    // statement: prepared too, one name per queue.
    if (text.includes(';')) return this.#pool.query(text, values);
    const name = this.#names.of(text);
    return this.#pool.query(name ? { name, text, values } : { text, values });
  }

  /**
   * LISTEN on a connection of its own. The first connect is awaited (a wrong URL fails the caller
   * and leaves nothing behind); a connection lost later is made again with backoff, one attempt at a
   * time, and `close` ends whatever is open or pending.
   */
  async listen(
    channel: string,
    onNotification: (payload: string) => void,
    onReconnect: () => void,
  ): Promise<ListenHandle> {
    let closed = false;
    let client: pg.Client | undefined;
    let timer: NodeJS.Timeout | undefined;
    let delayMs = 250;
    const connect = async (): Promise<void> => {
      const c = new pg.Client({
        connectionString: this.#opts.connectionString,
        application_name: 'tessera-bus-listen',
        connectionTimeoutMillis: 10_000,
      });
      c.on('notification', (m) => m.channel === channel && onNotification(m.payload ?? ''));
      c.on('error', () => undefined); // (its end follows: see below)
      try {
        await c.connect();
        await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      } catch (err) {
        await c.end().catch(() => undefined);
        throw err;
      }
      if (closed) return void (await c.end().catch(() => undefined));
      // (only a connection that was up reconnects: a failed attempt is retried by `again` alone)
      c.on('end', () => {
        client = undefined;
        if (closed) return;
        this.#opts.log.warn({ channel }, 'bus listener disconnected; reconnecting');
        again();
      });
      client = c;
      delayMs = 250;
      onReconnect(); // (pg-boss's contract: after every subscribe, the first included)
    };
    const again = () => {
      if (closed || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        connect().catch((err) => {
          this.#opts.log.warn({ err, channel }, 'bus listener failed to connect; retrying');
          delayMs = Math.min(delayMs * 2, 10_000);
          again();
        });
      }, delayMs);
    };
    await connect();
    return {
      close: async () => {
        closed = true;
        clearTimeout(timer);
        await client?.end().catch(() => undefined);
      },
    };
  }

  /** After pg-boss has stopped (it does not close a pool it was given). */
  close(): Promise<void> {
    return this.#pool.end();
  }
}
