// Batches of projection events handled the way two workers would, through the consumer's own batch
// path: shared by test/projection-lock-order.test.ts and bench/projection-locks.ts (which loads the
// code it measures from another checkout, hence `handleJobs` and the modules passed in).
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import type { Job } from 'pg-boss';
import { v7 as uuidv7 } from 'uuid';
import type { handleJobs as HandleJobs } from '../../src/platform/bus/consumer.ts';
import type { EventBus } from '../../src/platform/bus/bus.ts';
import type { EventDef, JobData } from '../../src/platform/bus/event.ts';
import type { Orm } from '../../src/platform/db/orm.ts';
import type { ModuleDefinition } from '../../src/platform/host/module.ts';
import type { ProductSnapshot } from '../../src/modules/product/contract.ts';

export interface LogLine {
  msg: string;
  err?: { code?: string };
}

/** A warn-level logger whose lines are kept (a deadlock shows as a batch re-run "event by event"). */
export function capturedLog(): { log: Logger; logged: LogLine[] } {
  const logged: LogLine[] = [];
  const log = pino(
    { level: 'warn' },
    new Writable({
      write(line, _enc, done) {
        logged.push(JSON.parse(String(line)));
        done();
      },
    }),
  );
  return { log, logged };
}

export interface BatchRig {
  handleJobs: typeof HandleJobs;
  orm: Orm;
  bus: EventBus;
  log: Logger;
  producer: string;
}

/**
 * Two batches of the payloads, one in the given order and one reversed, handled at the same time by
 * the module's handler of the event; returns the results of both (one per job).
 */
export async function oppositeBatches<P>(rig: BatchRig, module: ModuleDefinition, event: EventDef, payloads: P[]) {
  const sub = module.subscriptions.find((s) => s.event === event);
  if (!sub) throw new Error(`${module.name} does not take ${event.name}`);
  const queue = `${module.name}/${event.name}`;
  const target = {
    orm: rig.orm,
    consumer: module.name,
    queue,
    event,
    handler: sub.handler,
    log: rig.log,
    commitEach: sub.commitEach ?? false,
    bus: rig.bus,
  };
  const jobs = (list: P[]) =>
    list.map((payload) => {
      const id = uuidv7();
      const data = {
        id,
        name: event.name,
        occurredAt: new Date().toISOString(),
        producer: rig.producer,
        correlationId: id,
        payload,
      };
      return { id, name: queue, data, retryCount: 0 } as unknown as Job<JobData>;
    });
  const results = await Promise.all([
    rig.handleJobs(target, jobs(payloads)),
    rig.handleJobs(target, jobs([...payloads].reverse())),
  ]);
  return results.flat();
}

/** A published product of one variant, at `version`, as product's events carry it. */
export const productSnapshot = (
  p: { productId: string; variantId: string },
  version: number,
  tag: string,
): ProductSnapshot => ({
  productId: p.productId,
  version,
  handle: `${tag}-${p.productId.slice(-8)}`,
  title: `P${version}`,
  status: 'published',
  categoryIds: [],
  collectionIds: [],
  thumbnail: null,
  variants: [
    {
      variantId: p.variantId,
      sku: `${tag.toUpperCase()}-${p.productId.slice(-8)}`,
      title: 'V',
      options: {},
      weightGrams: null,
    },
  ],
});

/** `n` products of one variant each (ids only: the events make them). */
export const productIds = (n: number) =>
  Array.from({ length: n }, () => ({ productId: uuidv7(), variantId: uuidv7() }));

/** A round of EUR prices: product i costs 100 x round + i, at sequence `round`. */
export const priceRound = (products: { variantId: string }[], round: number) =>
  products.map((p, i) => ({
    variantId: p.variantId,
    currency: 'EUR',
    amount: 100 * round + i,
    originalAmount: null,
    taxInclusive: true,
    sequence: round,
  }));
