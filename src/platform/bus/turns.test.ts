import { describe, expect, it } from 'vitest';
import { Foreground, type Presence } from '../host/foreground.ts';
import { pino } from 'pino';
import { handleBatch, type BatchTarget } from './consumer.ts';
import { Turns } from './turns.ts';

/** A batch that runs until `finish()`; `started` says whether it got its turn. */
function batch(log: string[], name: string) {
  let finish = () => {};
  const done = new Promise<void>((r) => {
    finish = r;
  });
  const b = {
    started: false,
    finish: () => finish(),
    run: async () => {
      b.started = true;
      log.push(name);
      await done;
      return name;
    },
  };
  return b;
}
const settle = () => new Promise((r) => setImmediate(r));

describe('bus turns: shoppers first while the bus is behind', () => {
  const setup = () => {
    const foreground = new Foreground();
    return { foreground, turns: new Turns({ foreground, behindMs: 200, whileBehind: 1 }) };
  };

  it('runs every batch at once while no queue is behind, requests in hand or not', async () => {
    const { foreground, turns } = setup();
    foreground.enter();
    turns.report('a', 5_000, false); // (drained: a long wait with nothing more behind it is not a backlog)
    turns.report('b', 150, true); // (more behind, but under the threshold)
    turns.forQueue('stock', false).report(5_000, true); // (a background queue lags by design: it never counts)
    expect(turns.behind).toBe(false);
    const log: string[] = [];
    const bs = ['a', 'b', 'c'].map((n) => batch(log, n));
    const runs = bs.map((b) => turns.take(b.run));
    await settle();
    expect(bs.every((b) => b.started)).toBe(true);
    for (const b of bs) b.finish();
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c']);
  });

  it('behind with requests in hand: one batch at a time, first come first served', async () => {
    const { foreground, turns } = setup();
    foreground.enter();
    turns.report('order/pricing.order_priced', 900, true);
    expect(turns.behind).toBe(true);
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((n) => batch(log, n));
    const runs = [turns.take(a.run), turns.take(b.run), turns.take(c.run)];
    await settle();
    expect([a.started, b.started, c.started]).toEqual([true, false, false]);
    a.finish();
    await settle();
    expect([b.started, c.started]).toEqual([true, false]);
    b.finish();
    await settle();
    expect(c.started).toBe(true);
    c.finish();
    await Promise.all(runs);
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('lets the waiting batches go when the last request ends, or when no queue is behind any more', async () => {
    const { foreground, turns } = setup();
    const request = foreground.enter();
    turns.report('q', 1_000, true);
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((n) => batch(log, n));
    const runs = [turns.take(a.run), turns.take(b.run)];
    await settle();
    expect(b.started).toBe(false);
    request.leave();
    request.leave(); // (ending a request twice counts once)
    await settle();
    expect(b.started).toBe(true);
    expect(foreground.busy).toBe(false);

    // Requests again, still behind: the next waits; the queue drains: it goes.
    foreground.enter();
    runs.push(turns.take(c.run));
    await settle();
    expect(c.started).toBe(false);
    turns.report('q', 0, false);
    expect(turns.behind).toBe(false);
    await settle();
    expect(c.started).toBe(true);
    for (const x of [a, b, c]) x.finish();
    await Promise.all(runs);
  });

  it('a failing batch gives its turn back', async () => {
    const { foreground, turns } = setup();
    foreground.enter();
    turns.report('q', 1_000, true);
    const log: string[] = [];
    const next = batch(log, 'next');
    const failing = turns.take(async () => {
      throw new Error('the database is away');
    });
    const after = turns.take(next.run);
    await expect(failing).rejects.toThrow('away');
    await settle();
    expect(next.started).toBe(true);
    next.finish();
    await after;
  });

  it('a queue whose batch failed for want of a database is not left behind (nothing may renew it)', async () => {
    const { foreground, turns } = setup();
    foreground.enter();
    turns.report('q', 1_000, true);
    const away = { em: { fork: () => ({ transactional: () => Promise.reject(new Error('the database is away')) }) } };
    const target = {
      orm: away,
      queue: 'q',
      turns: turns.forQueue('q', true),
      log: pino({ level: 'silent' }),
    } as unknown as BatchTarget;
    await expect(handleBatch(target, 1)).rejects.toThrow('away');
    expect(turns.behind).toBe(false);
  });

  it('a batch waiting for its turn goes when the bus stops', async () => {
    const { foreground, turns } = setup();
    foreground.enter();
    turns.report('q', 1_000, true);
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((n) => batch(log, n));
    const runs = [turns.take(a.run), turns.take(b.run)];
    await settle();
    expect(b.started).toBe(false);
    turns.stop();
    await settle();
    expect(b.started).toBe(true);
    a.finish();
    b.finish();
    await Promise.all(runs);
  });
});

describe('foreground: the requests in hand', () => {
  /** Runs `fn` as the rest of request `r`'s work, as the HTTP hook does. */
  const inRequest = <T>(foreground: Foreground, r: Presence, fn: () => Promise<T>) =>
    new Promise<T>((resolve, reject) =>
      foreground.within(r, () => {
        fn().then(resolve, reject);
      }),
    );

  it('a request parked on a wait is not in hand meanwhile, and is again after', async () => {
    const foreground = new Foreground();
    const r = foreground.enter();
    let busyWhileParked: boolean | undefined;
    await inRequest(foreground, r, () =>
      foreground.parked(async () => {
        busyWhileParked = foreground.busy;
      }),
    );
    expect(busyWhileParked).toBe(false);
    expect(foreground.busy).toBe(true);
    r.leave();
    expect(foreground.busy).toBe(false);
  });

  it('a client that hangs up while its request is parked is counted out once; the other requests still count', async () => {
    const foreground = new Foreground();
    const parked = foreground.enter();
    const other = foreground.enter();
    let release = () => {};
    const waiting = inRequest(foreground, parked, () =>
      foreground.parked(
        () =>
          new Promise<void>((r) => {
            release = r;
          }),
      ),
    );
    await settle();
    parked.leave(); // (the client hung up: the response closes while the wait goes on)
    expect(foreground.busy).toBe(true); // the other request is still in hand
    release();
    await waiting;
    expect(foreground.busy).toBe(true);
    other.leave();
    expect(foreground.busy).toBe(false);
    // A wait outside any request only waits.
    expect(await foreground.parked(async () => foreground.busy)).toBe(false);
    expect(foreground.busy).toBe(false);
  });
});
