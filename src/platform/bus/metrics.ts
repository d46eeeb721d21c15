import { Counter, Gauge, Histogram } from 'prom-client';

export const busMetrics = {
  published: new Counter({
    name: 'tessera_events_published_total',
    help: 'Events written to the bus',
    labelNames: ['event'],
  }),
  handled: new Counter({
    name: 'tessera_events_handled_total',
    help: 'Events handled, by outcome',
    labelNames: ['queue', 'outcome'],
  }),
  hopSeconds: new Histogram({
    name: 'tessera_event_hop_seconds',
    help: 'Time from publish to handled',
    labelNames: ['queue'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5, 30],
  }),
  queuesBehind: new Gauge({
    name: 'tessera_bus_queues_behind',
    help: 'Queues whose last job had waited over BUS_BEHIND_MS with more behind it (turns.ts)',
  }),
  turnsWaited: new Counter({
    name: 'tessera_bus_turns_waited_total',
    help: 'Batches that waited their turn while the bus was behind and requests were in hand (turns.ts)',
  }),
  handlerSeconds: new Histogram({
    name: 'tessera_event_handler_seconds',
    help: 'Handler run time',
    labelNames: ['queue'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
  }),
};
