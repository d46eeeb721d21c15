import type { Logger } from 'pino';
import { uuidv7 } from '../ids.ts';
import type { Orm } from '../db/orm.ts';
import { query } from '../db/sql.ts';

/**
 * A consuming process says, every BUS_HEARTBEAT_SECONDS, which queues it works (one row per
 * process in platform.worker_heartbeat, written with the database's clock). Another process reads
 * the rows seen lately to tell whether the events it publishes have anyone to consume them
 * (consumers.ts). A process that stops deletes its row; one that dies leaves a row that ages out.
 */
export class WorkerHeartbeat {
  readonly processId = uuidv7();
  #timer: NodeJS.Timeout | undefined;
  readonly orm: Orm;
  readonly modules: string[];
  readonly queues: () => string[];
  readonly intervalSeconds: number;
  readonly log: Logger;

  constructor(orm: Orm, modules: string[], queues: () => string[], intervalSeconds: number, log: Logger) {
    this.orm = orm;
    this.modules = modules;
    this.queues = queues;
    this.intervalSeconds = intervalSeconds;
    this.log = log;
  }

  async start(): Promise<void> {
    // (rows of processes long dead: nobody reads them, they only grow the table)
    await query(this.orm.em.fork(), `delete from platform.worker_heartbeat where seen_at < now() - interval '1 day'`);
    await this.beat();
    this.#timer = setInterval(
      () => void this.beat().catch((err) => this.log.warn({ err }, 'worker heartbeat not written')),
      this.intervalSeconds * 1000,
    );
    this.#timer.unref();
  }

  async beat(): Promise<void> {
    await query(
      this.orm.em.fork(),
      `insert into platform.worker_heartbeat (process_id, modules, queues, seen_at) values ($1, $2, $3, now())
       on conflict (process_id) do update set queues = excluded.queues, seen_at = now()`,
      [this.processId, this.modules, this.queues()],
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await query(this.orm.em.fork(), 'delete from platform.worker_heartbeat where process_id = $1', [
      this.processId,
    ]).catch(() => undefined);
  }
}
