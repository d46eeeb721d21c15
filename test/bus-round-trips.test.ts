import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductDeleted } from '../src/modules/product/contract.ts';
import { UserRegistered } from '../src/modules/user/contract.ts';
import { query } from '../src/platform/db/sql.ts';
import { eventually, ledgerModuleDir, startTestApp, type TestApp } from './helpers/app.ts';
import { busHelpers, payloadFor } from './helpers/bus.ts';

/**
 * A publish costs one round trip to Postgres whatever the number of queues its event goes to: the
 * inserts of every queue and the read of the conditional queues' interest travel as one text
 * (bus/write-jobs.ts, docs/adr/0136). Counted on the publisher's connection, from pg's side.
 */
describe('bus: round trips of a publish', () => {
  let app: TestApp;
  const { ledgerRows, jobIn } = busHelpers(() => app);
  const marker = 'select 1 as round_trip_marker';

  beforeAll(async () => {
    app = await startTestApp({ EXTRA_MODULES: ledgerModuleDir });
  }, 120_000);
  afterAll(() => {
    vi.restoreAllMocks();
    return app?.stop();
  });

  /** The texts pg sent on the connection of `fn`'s transaction after the marker. */
  const sentDuring = async <T>(
    fn: (em: Parameters<Parameters<TestApp['platform']['orm']['em']['transactional']>[0]>[0]) => Promise<T>,
  ) => {
    const texts: string[] = [];
    let mine: unknown;
    const original = pg.Client.prototype.query;
    const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (
      this: pg.Client,
      ...args: unknown[]
    ) {
      const config = args[0] as string | { text?: string };
      const text = typeof config === 'string' ? config : (config?.text ?? '');
      if (text.includes('round_trip_marker')) mine = this;
      else if (this === mine) texts.push(text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as never);
    try {
      const result = await app.platform.orm.em.fork().transactional(async (em) => {
        await query(em, marker);
        const out = await fn(em);
        mine = undefined; // (the COMMIT is not the publish's)
        return out;
      });
      return { texts, result };
    } finally {
      spy.mockRestore();
    }
  };

  it('an event routed to several queues and a conditional one: one round trip, every unconditional queue gets its job', async () => {
    const { bus } = app.platform;
    const queues = bus.queuesOf(ProductDeleted.name);
    const unconditional = queues.filter((q) => !q.startsWith('webhook/'));
    expect(unconditional.length).toBeGreaterThan(2);
    expect(queues.length).toBeGreaterThan(unconditional.length); // (webhook's, without an endpoint)
    const payload = { productId: uuidv7(), version: 2, variantIds: [] };
    const { texts, result: event } = await sentDuring((em) =>
      bus.publish(em, ProductDeleted, payload, { producer: 'product' }),
    );
    expect(texts).toHaveLength(1);
    const jobs = async (q: string) => bus.boss.findJobs(q, { data: { id: event.id } });
    for (const q of unconditional) expect(await jobs(q), q).toHaveLength(1);
    for (const q of queues.filter((q) => !unconditional.includes(q))) expect(await jobs(q), q).toHaveLength(0);
  });

  it('a payload with quotes and backslashes arrives as it was sent', async () => {
    const { bus } = app.platform;
    const firstName = `O'Brien \\" $1 --x /* é 🍵`;
    const { result: event } = await sentDuring((em) =>
      bus.publish(em, UserRegistered, { ...payloadFor(), firstName }, { producer: 'user' }),
    );
    const job = await jobIn(
      bus.queuesOf(UserRegistered.name).find((q) => !q.startsWith('webhook/'))!,
      event.id,
    );
    expect((job.data as { payload: { firstName: string } }).payload.firstName).toBe(firstName);
    await eventually(async () => (await ledgerRows(event.id)).length === 1);
  });
});
