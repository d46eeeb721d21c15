import type pg from 'pg';
import { collectDefaultMetrics, Gauge } from 'prom-client';

let collecting = false;

/** Node's own series (CPU, memory, event-loop lag, GC, handles), once per process. */
export function collectProcessMetrics(): void {
  if (collecting) return;
  collecting = true;
  collectDefaultMetrics();
}

/** The database pools of this process (one per ORM; a test process may hold several). */
const pools = new Set<pg.Pool>();

export const watchPool = (pool: pg.Pool) => void pools.add(pool);
export const unwatchPool = (pool: pg.Pool) => void pools.delete(pool);

const sum = (f: (p: pg.Pool) => number) => [...pools].reduce((n, p) => n + f(p), 0);

new Gauge({
  name: 'tessera_db_pool_connections',
  help: 'Database connections of the ORM pool, by state (busy = checked out by a request or handler)',
  labelNames: ['state'],
  collect() {
    this.set(
      { state: 'idle' },
      sum((p) => p.idleCount),
    );
    this.set(
      { state: 'busy' },
      sum((p) => p.totalCount - p.idleCount),
    );
  },
});

new Gauge({
  name: 'tessera_db_pool_waiting',
  help: 'Requests and handlers waiting for a database connection (pool exhausted when above 0 for long)',
  collect() {
    this.set(sum((p) => p.waitingCount));
  },
});

new Gauge({
  name: 'tessera_db_pool_max',
  help: 'The ORM pool size (DB_POOL_MAX)',
  collect() {
    this.set(sum((p) => p.options.max ?? 10));
  },
});
