import type { Logger } from 'pino';
import type { EntityManager } from '../../platform/db/index.ts';
import type { EventDef, PayloadOf } from '../../platform/bus/index.ts';
import type { Platform } from '../../platform/host/platform.ts';
import { createProviders, type Providers } from './adapters/providers.ts';

/**
 * What the payment module keeps per running platform: its providers, and the provider calls it
 * runs in the background (they never hold a transaction, a lock or a bus worker while they wait).
 */
export interface PaymentRuntime {
  platform: Platform;
  log: Logger;
  providers: Providers;
  /** Publishes from a transaction of our own, continuing the checkout's trace. */
  publish<E extends EventDef>(
    em: EntityManager,
    event: E,
    payload: PayloadOf<E>,
    correlationId: string,
  ): Promise<unknown>;
  /** A new transaction on a fresh entity manager (never a handler's). */
  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T>;
  /** Starts `work` in the background unless it is already running for this key; then runs it once more. */
  runInBackground(key: string, work: () => Promise<void>): void;
  /** Waits for the background work (on shutdown), at most `ms`. */
  drain(ms: number): Promise<void>;
}

// Keyed by the ORM's configuration: handlers only get an entity manager, and every fork of the
// platform's ORM shares that object, so several apps in one process (tests) each find their own.
const runtimes = new WeakMap<object, PaymentRuntime>();

export function createRuntime(platform: Platform): PaymentRuntime {
  const log = platform.log.child({ module: 'payment' });
  const running = new Map<string, { again: boolean; done: Promise<void> }>();

  const runtime: PaymentRuntime = {
    platform,
    providers: createProviders(platform.config),
    log,
    publish: (em, event, payload, correlationId) =>
      platform.bus.publish(em, event, payload, { producer: 'payment', correlationId }),
    transaction: (fn) => platform.orm.em.fork().transactional(fn),
    runInBackground: (key, work) => {
      const current = running.get(key);
      if (current) {
        current.again = true;
        return;
      }
      const entry = { again: false, done: Promise.resolve() };
      entry.done = (async () => {
        do {
          entry.again = false;
          try {
            await work();
          } catch (err) {
            log.warn({ err, key }, 'payment provider step failed; the retry task tries again');
          }
        } while (entry.again);
      })().finally(() => running.delete(key));
      running.set(key, entry);
    },
    drain: async (ms) => {
      const all = Promise.allSettled([...running.values()].map((r) => r.done));
      await Promise.race([all, new Promise((r) => setTimeout(r, ms).unref())]);
    },
  };
  runtimes.set(platform.orm.config, runtime);
  return runtime;
}

/** The runtime of the platform an entity manager (a handler's, a request's) belongs to. */
export function runtimeOf(em: EntityManager): PaymentRuntime {
  const runtime = runtimes.get(em.config);
  if (!runtime) throw new Error('the payment module is not set up on this platform');
  return runtime;
}
