import { Counter } from 'prom-client';

/**
 * Round trips to Postgres, by pool: on a small machine each costs about as much CPU as a simple
 * statement's own work, so they are the figure to watch when a path gets slower.
 */
export const dbMetrics = {
  roundTrips: new Counter({
    name: 'tessera_db_round_trips_total',
    help: 'Statements (or pipelines of them) sent to Postgres and waited for',
    labelNames: ['pool'],
  }),
  held: new Counter({
    name: 'tessera_db_statements_held_total',
    help: 'Statements sent along with a later one instead of alone (pipeline.ts)',
    labelNames: ['pool'],
  }),
};
